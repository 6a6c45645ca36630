import threading
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtGui import QColor, QImage

from warroom.domain.postmortem import ChartData, ChartLane, ChartMark
from warroom.export.chart import OUTCOME_STYLE, PHASE_COLOURS, _Scale, _ticks, render_chart

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def image_of(png: bytes) -> QImage:
    assert png.startswith(PNG_SIGNATURE)
    image = QImage.fromData(png, "PNG")
    assert not image.isNull()
    return image


def colour_count(image: QImage, colour: str, step: int = 2) -> int:
    wanted = QColor(colour).rgb()
    return sum(
        1 for y in range(0, image.height(), step) for x in range(0, image.width(), step) if image.pixel(x, y) == wanted
    )


def test_scenario_chart_draws_every_phase_and_outcome(postmortem):
    image = image_of(render_chart(postmortem.chart, width=1200))
    assert image.width() == 1200 and image.height() > 300
    for name in ("detected", "acknowledged", "identified", "mitigated", "resolved"):
        assert colour_count(image, PHASE_COLOURS[name]) > 20, name
    for outcome in ("no answer", "reached", "acknowledged"):
        assert colour_count(image, OUTCOME_STYLE[outcome][0], step=1) > 10, outcome


def test_longest_phase_is_the_widest_bar(postmortem):
    image = image_of(render_chart(postmortem.chart, width=1200))
    # identified -> mitigated lasted 8 days; detected -> acknowledged 15 minutes
    assert colour_count(image, PHASE_COLOURS["mitigated"]) > 20 * colour_count(image, PHASE_COLOURS["acknowledged"])


def test_each_vendor_gets_a_row(postmortem):
    fewer = replace(postmortem.chart, lanes=postmortem.chart.lanes[:1])
    assert image_of(render_chart(postmortem.chart)).height() > image_of(render_chart(fewer)).height()


def test_nothing_to_chart_is_a_one_line_picture(empty_postmortem):
    assert empty_postmortem.chart.empty
    image = image_of(render_chart(empty_postmortem.chart))
    assert image.height() < 120


def test_milestones_without_vendors_and_a_single_instant_are_drawn():
    at = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
    only_marks = ChartData("UTC", (), (), (ChartLane("Åsa's vendor 東京", (ChartMark(at, "voicemail", "x"),)),))
    image = image_of(render_chart(only_marks))
    assert colour_count(image, OUTCOME_STYLE["voicemail"][0], step=1) > 10


def test_axis_ticks_fall_on_local_midnights_for_multi_day_incidents(postmortem):
    zone = ZoneInfo("Europe/Stockholm")
    instants = [at for _, at in postmortem.chart.milestones]
    ticks = _ticks(_Scale(min(instants), max(instants), 0, 1000), zone)
    assert len(ticks) >= 4
    assert all(t.astimezone(zone).hour == 0 and t.astimezone(zone).minute == 0 for t in ticks)


def test_axis_ticks_stay_on_the_hour_across_a_dst_change():
    zone = ZoneInfo("Europe/Stockholm")
    start = datetime(2024, 3, 31, 0, 10, tzinfo=UTC)  # clocks jump 02:00 -> 03:00 local
    ticks = _ticks(_Scale(start, start + timedelta(hours=6), 0, 1000), zone)
    assert ticks and all(t.astimezone(zone).minute == 0 for t in ticks)


def test_chart_renders_from_a_worker_thread(postmortem):
    result: dict[str, bytes] = {}

    def work() -> None:
        result["png"] = render_chart(postmortem.chart)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(30)
    assert image_of(result["png"]).width() > 0


def test_a_chart_over_13_years_breaks_its_axis_and_no_labels_overlap():
    from warroom.export.chart import LEFT, RIGHT, chart_scale, milestone_label_boxes, tick_labels

    early = datetime(2013, 12, 18, 19, 30, tzinfo=UTC)
    milestones = (
        ("started", early),
        ("detected", early + timedelta(hours=11)),
        ("acknowledged", early + timedelta(hours=11, minutes=15)),
        ("identified", early + timedelta(days=1)),
        ("mitigated", early + timedelta(days=9)),
        ("resolved", early + timedelta(days=9, hours=1)),
        ("lessons reviewed", datetime(2026, 11, 30, 9, 0, tzinfo=UTC)),  # 13 years later
    )
    chart = ChartData("Europe/Stockholm", milestones, (), ())
    image = image_of(render_chart(chart, width=1200))
    assert image.width() == 1200
    scale = chart_scale(chart, 1200)
    assert len(scale.breaks) == 1  # the 13 quiet years are a break, not 98 % of the width
    first_days = scale.x(early + timedelta(days=9, hours=1)) - scale.x(early)
    assert first_days > (1200 - LEFT - RIGHT) / 3  # the incident itself stays readable
    boxes = milestone_label_boxes(chart, 1200) + [box for _, box, _ in tick_labels(scale, ZoneInfo(chart.zone), 400)]
    for index, box in enumerate(boxes):
        for other in boxes[index + 1 :]:
            assert not box.intersects(other), (box, other)
    texts = [text for _, _, text in tick_labels(scale, ZoneInfo(chart.zone), 400)]
    assert any("2013" in t for t in texts) and any("2026" in t for t in texts)
