"""Make the platform icons from resources/icons/warroom.svg: `python packaging/make_icons.py OUT_DIR`.

Writes warroom.png (256 px, Linux), warroom.ico (Windows: 16-256 px in one file) and
warroom.icns (macOS). Pillow cannot read SVG, so Qt's QSvgRenderer rasterises it once at
1024 px and Pillow writes the three formats from that. Runs at build time only.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "warroom.svg"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def rasterise(svg: Path, size: int, target: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target), "PNG"):
        raise SystemExit(f"make_icons: could not write {target}")
    del app


def make_icons(out: Path, svg: Path = SVG) -> dict[str, Path]:
    from PIL import Image

    out.mkdir(parents=True, exist_ok=True)
    master = out / "warroom-1024.png"
    rasterise(svg, 1024, master)
    with Image.open(master) as big:
        big = big.convert("RGBA")
        made = {"png": out / "warroom.png", "ico": out / "warroom.ico", "icns": out / "warroom.icns"}
        big.resize((256, 256), Image.Resampling.LANCZOS).save(made["png"])
        big.save(made["ico"], sizes=ICO_SIZES)
        big.save(made["icns"])
    return made


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "icons"
    for kind, path in make_icons(target).items():
        print(f"{kind:5} {path}")
