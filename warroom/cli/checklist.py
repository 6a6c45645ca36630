"""`warroom checklist templates|start|show|tick|add|assign|import|export`."""

from __future__ import annotations

from pathlib import Path

from warroom.cli.commands import SubCommands, add_command, add_group
from warroom.cli.output import jsonable, open_services, print_json, say
from warroom.domain.errors import NotFoundError, ValidationError

_MARKS = {"open": "[ ]", "done": "[x]", "skipped": "[-]"}
ITEM_HELP = "the item's number as 'show' prints it, its id, or the start of its text"


def register(sub: SubCommands) -> None:
    actions = add_group(sub, "checklist", "checklist templates, and checklists on incidents")

    add_command(actions, "templates", _templates, "list the template library (built-ins first)")

    st = add_command(actions, "start", _start, "start a checklist on an incident from a template, or blank", ref=True)
    st.add_argument("template", nargs="?", help="template name, slug (e.g. rollback) or id; omit for blank")
    st.add_argument("--title", help="the checklist's title (default: the template's name)")

    add_command(actions, "show", _show, "an incident's checklists with numbered items", ref=True)

    tk = add_command(actions, "tick", _tick, "tick an item done, skip it with a reason, or un-tick it", ref=True)
    tk.add_argument("item", help=ITEM_HELP)
    mode = tk.add_mutually_exclusive_group()
    mode.add_argument("--skip", metavar="REASON", help="mark skipped, saying why")
    mode.add_argument("--undo", action="store_true", help="open the item again")
    tk.add_argument("--by", metavar="NAME", help="who did it (default your user name)")
    tk.add_argument("--note", help="a note recorded with the tick")

    ad = add_command(actions, "add", _add, "add an item to the incident's newest checklist", ref=True)
    ad.add_argument("text")
    ad.add_argument("--section", help="the section to add it to (default the last item's)")

    asg = add_command(actions, "assign", _assign, "assign an item to a person ('' clears it)", ref=True)
    asg.add_argument("item", help=ITEM_HELP)
    asg.add_argument("assignee")

    im = add_command(actions, "import", _import, "add a template from a Markdown task list (all or nothing)")
    im.add_argument("file")

    ex = add_command(actions, "export", _export, "write a template as a Markdown task list", json=False)
    ex.add_argument("template", help="template name, slug or id")
    ex.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


# -- JSON shapes ------------------------------------------------------------------------------


def template_json(t) -> dict:
    sections = list(dict.fromkeys(i.section for i in t.items if i.section))
    return {
        "id": t.id,
        "name": t.name,
        "description": t.description,
        "builtin": t.builtin,
        "item_count": len(t.items),
        "sections": sections,
        "items": [{"section": i.section, "text": i.text, "hint": i.hint} for i in t.items],
    }


def item_json(item, number: int | None = None) -> dict:
    data = {
        "id": item.id,
        "section": item.section,
        "text": item.text,
        "state": item.state.value,
        "assignee": item.assignee,
        "done_at": jsonable(item.done_at),
        "done_by": item.done_by,
        "note": item.note,
        "hint": item.hint,
    }
    return {"number": number, **data} if number is not None else data


def _progress_json(pair: tuple[int, int]) -> dict:
    return {"finished": pair[0], "total": pair[1]}


def checklist_json(checklist, first_number: int = 1) -> dict:
    return {
        "id": checklist.id,
        "title": checklist.title,
        "template": checklist.template_name,
        "created_at": jsonable(checklist.created_at),
        "progress": _progress_json(checklist.progress),
        "items": [item_json(i, n) for n, i in enumerate(checklist.items, start=first_number)],
    }


def _numbered(checklists) -> list[dict]:
    shapes, number = [], 1
    for checklist in checklists:
        shapes.append(checklist_json(checklist, number))
        number += len(checklist.items)
    return shapes


# -- handlers ---------------------------------------------------------------------------------


def _templates(args) -> int:
    with open_services(args) as services:
        templates = services.checklists.templates()
    if args.json:
        print_json([template_json(t) for t in templates])
        return 0
    for t in templates:
        kind = "built-in" if t.builtin else "yours"
        print(f"{t.name}  ({len(t.items)} items, {kind})")
    return 0


def _start(args) -> int:
    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        checklist = services.checklists.start(inc.id, args.template, title=args.title)
    if args.json:
        print_json(checklist_json(checklist))
    else:
        print(checklist.id)
    say(f"Started '{checklist.title}' on {inc.reference} with {_count(len(checklist.items), 'item')}")
    return 0


def _show(args) -> int:
    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        checklists = services.checklists.checklists(inc.id)
        progress = services.checklists.progress(inc.id)
    shapes = _numbered(checklists)
    if args.json:
        print_json(
            {
                "incident": inc.reference,
                "incident_id": inc.id,
                "progress": _progress_json(progress),
                "checklists": shapes,
            }
        )
        return 0
    if not shapes:
        say(f"{inc.reference} has no checklists: 'warroom checklist start {inc.reference} rollback' starts one.")
    for shape in shapes:
        _print_checklist(shape)
    return 0


def _count(number: int, noun: str, with_number: bool = True) -> str:
    word = noun if number == 1 else f"{noun}s"
    return f"{number} {word}" if with_number else word


def _print_checklist(shape: dict) -> None:
    done = shape["progress"]
    print(f"{shape['title']}  {done['finished']}/{done['total']}")
    section = None
    for item in shape["items"]:
        if item["section"] != section:
            section = item["section"]
            if section:
                print(f"  {section}")
        print("    " + _item_line(item))


def _item_line(item: dict) -> str:
    line = f"{item['number']:>3} {_MARKS[item['state']]} {item['text']}"
    if item["assignee"]:
        line += f"  @{item['assignee']}"
    if item["state"] != "open":
        verb = "done" if item["state"] == "done" else "skipped"
        line += f"  ({verb} by {item['done_by']} at {item['done_at']})"
    return line


def _tick(args) -> int:
    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        item = services.checklists.find_item(inc.id, args.item)
        if args.skip is not None:
            item = services.checklists.skip(item.id, args.skip, by=args.by)
        elif args.undo:
            item = services.checklists.untick(item.id, by=args.by, reason=args.note)
        else:
            item = services.checklists.tick(item.id, by=args.by, note=args.note)
    if args.json:
        print_json(item_json(item))
    else:
        print(f"{_MARKS[item.state.value]} {item.text}")
    return 0


def _add(args) -> int:
    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        checklists = services.checklists.checklists(inc.id)
        if not checklists:
            raise NotFoundError(
                f"{inc.reference} has no checklist to add to: "
                f"'warroom checklist start {inc.reference}' starts a blank one."
            )
        item = services.checklists.add_item(checklists[-1].id, args.text, section=args.section)
    if args.json:
        print_json(item_json(item))
    else:
        print(item.id)
    return 0


def _assign(args) -> int:
    with open_services(args) as services:
        inc = services.incidents.get(args.ref)
        item = services.checklists.find_item(inc.id, args.item)
        item = services.checklists.assign(item.id, args.assignee)
    if args.json:
        print_json(item_json(item))
    else:
        print(f"{item.text}: {item.assignee or 'unassigned'}")
    return 0


def _import(args) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Cannot read {path}: {exc.strerror}.") from None
    with open_services(args) as services:
        imported = services.checklists.import_template(data, file_name=path.name)
    template = imported.template
    if args.json:
        print_json({**template_json(template), "ignored_lines": list(imported.ignored_lines)})
    else:
        print(template.name)
    say(f"Imported template '{template.name}' with {_count(len(template.items), 'item')}")
    if imported.ignored_lines:
        lines = ", ".join(str(n) for n in imported.ignored_lines[:10])
        more = " and more" if len(imported.ignored_lines) > 10 else ""
        say(
            f"warning: {path.name} {_count(len(imported.ignored_lines), 'line', False)} {lines}{more} "
            "held prose outside any task item; it was left out"
        )
    return 0


def _export(args) -> int:
    with open_services(args) as services:
        markdown = services.checklists.export_template(args.template)
    if not args.output:
        print(markdown, end="")
        return 0
    target = Path(args.output)
    from warroom.atomic_file import write_atomic

    write_atomic(target, markdown)
    say(f"Wrote {target}")
    return 0
