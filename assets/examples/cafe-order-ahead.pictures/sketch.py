#!/usr/bin/env python3
"""Draws the storyboard sketches of cafe-order-ahead.ron.

Each scene is a few shapes in a pencil style: every stroke is drawn twice with a small
seeded wobble, over soft colour washes on paper. Written as Magick Vector Graphics and
rendered by ImageMagick 6 (`convert`), as 480 x 244 pixel PNGs in 32 colours (the cards'
frame is about 2:1). Run from anywhere: python3 sketch.py [CONVERT]. The same script gives
the same pictures. Made for Journeyboard, CC0 (public domain).
"""

import os
import random
import subprocess
import sys

W, H = 480, 244
HERE = os.path.dirname(os.path.abspath(__file__))
INK = "#3a3430"
PAPER = "#fbf7ef"
WASH = {
    "coffee": "#c89b6d",
    "sky": "#9cc5e0",
    "leaf": "#a9cf8f",
    "rose": "#ee9a9a",
    "sun": "#f2d27a",
    "stone": "#cfc8bd",
}


class Scene:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.out = [
            f"viewbox 0 0 {W} {H}",
            f"fill {PAPER} rectangle 0,0 {W},{H}",
        ]

    def _wobble(self, points, amount):
        return [(x + self.rng.uniform(-amount, amount), y + self.rng.uniform(-amount, amount)) for x, y in points]

    def _path(self, points, closed):
        # Long edges get midpoints, so the wobble bends them like a hand-drawn line.
        dense = []
        pairs = list(zip(points, points[1:] + (points[:1] if closed else [])))
        for (x0, y0), (x1, y1) in pairs:
            steps = max(1, int(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 // 40))
            for i in range(steps):
                t = i / steps
                dense.append((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t))
        if not closed:
            dense.append(points[-1])
        return dense

    def wash(self, colour, points):
        """A flat colour, a little off the outline, as a watercolour wash."""
        pts = self._wobble(self._path(points, True), 3)
        dx, dy = self.rng.uniform(-4, 4), self.rng.uniform(-3, 3)
        coords = " ".join(f"{x + dx:.1f},{y + dy:.1f}" for x, y in pts)
        self.out.append(f"push graphic-context fill {WASH[colour]} fill-opacity 0.75 stroke none polygon {coords} pop graphic-context")

    def line(self, points, closed=False, width=2.2):
        for pass_ in range(2):
            pts = self._wobble(self._path(points, closed), 1.6)
            if closed:
                pts.append(pts[0])
            coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
            opacity = 0.9 if pass_ == 0 else 0.45
            self.out.append(
                f"push graphic-context fill none stroke {INK} stroke-opacity {opacity} "
                f"stroke-width {width if pass_ == 0 else width * 0.6} stroke-linecap round "
                f"stroke-linejoin round polyline {coords} pop graphic-context"
            )

    def box(self, x0, y0, x1, y1, colour=None, width=2.2):
        pts = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        if colour:
            self.wash(colour, pts)
        self.line(pts, closed=True, width=width)

    def circle(self, cx, cy, r, colour=None, width=2.2):
        import math
        pts = [(cx + r * math.cos(a / 16 * math.tau), cy + r * math.sin(a / 16 * math.tau)) for a in range(16)]
        if colour:
            self.wash(colour, pts)
        self.line(pts, closed=True, width=width)

    def arc(self, cx, cy, r, a0, a1, width=2.2):
        import math
        pts = [(cx + r * math.cos(a0 + (a1 - a0) * i / 12), cy + r * math.sin(a0 + (a1 - a0) * i / 12)) for i in range(13)]
        self.line(pts, width=width)

    def person(self, x, y, s=1.0, colour="sky"):
        """Head at (x, y): a circle, shoulders and a body."""
        self.circle(x, y, 16 * s, colour="stone")
        body = [(x - 30 * s, y + 90 * s), (x - 26 * s, y + 34 * s), (x, y + 22 * s), (x + 26 * s, y + 34 * s), (x + 30 * s, y + 90 * s)]
        self.wash(colour, body)
        self.line(body)

    def cup(self, x, y, s=1.0):
        """A takeaway cup with its lid, bottom centre at (x, y)."""
        self.wash("coffee", [(x - 16 * s, y), (x - 20 * s, y - 48 * s), (x + 20 * s, y - 48 * s), (x + 16 * s, y)])
        self.line([(x - 16 * s, y), (x - 20 * s, y - 48 * s), (x + 20 * s, y - 48 * s), (x + 16 * s, y)], closed=True)
        self.box(x - 23 * s, y - 58 * s, x + 23 * s, y - 48 * s)
        self.line([(x - 18 * s, y - 30 * s), (x + 18 * s, y - 30 * s)], width=1.6)

    def phone(self, x, y, s=1.0):
        """A phone, top left at (x, y); returns its screen's corners."""
        self.box(x, y, x + 70 * s, y + 130 * s, colour="stone")
        self.box(x + 7 * s, y + 14 * s, x + 63 * s, y + 110 * s)
        self.circle(x + 35 * s, y + 120 * s, 4 * s, width=1.6)
        return (x + 7 * s, y + 14 * s, x + 63 * s, y + 110 * s)

    def bubble(self, x0, y0, x1, y1, tail_x):
        pts = [(x0, y0), (x1, y0), (x1, y1), (tail_x + 14, y1), (tail_x, y1 + 16), (tail_x + 2, y1), (x0, y1)]
        self.wash("sun", pts)
        self.line(pts, closed=True)

    def save(self, name, convert):
        mvg = os.path.join(HERE, name + ".mvg")
        png = os.path.join(HERE, name + ".png")
        with open(mvg, "w") as f:
            f.write("\n".join(self.out) + "\n")
        subprocess.run([convert, "-size", f"{W}x{H}", f"mvg:{mvg}", "-strip", "-colors", "32", f"PNG8:{png}"], check=True)
        os.remove(mvg)
        print(png, os.path.getsize(png), "bytes")


def scenes():
    # 1. A friend's photo of her flat white on social media.
    s = Scene(1)
    x0, y0, x1, y1 = s.phone(200, 50)
    s.box(x0 + 6, y0 + 8, x1 - 6, y0 + 56, colour="sky", width=1.6)
    s.cup(235, 102, 0.7)
    s.line([(x0 + 8, 150), (x1 - 14, 150)], width=1.6)
    s.circle(252, 142, 6, colour="rose", width=1.4)
    s.line([(60, 200), (150, 200)])
    s.person(100, 80, 0.9, colour="leaf")
    yield "01-friends-post", s

    # 2. The cafe's window: "Order ahead" in the glass.
    s = Scene(2)
    s.box(40, 60, 440, 230, colour="stone")
    awning = [(30, 60), (450, 60), (430, 24), (50, 24)]
    s.wash("rose", awning)
    s.line(awning, closed=True)
    for x in range(70, 440, 60):
        s.arc(x, 60, 30, 0, 3.1416, width=1.8)
    s.box(70, 95, 250, 200, colour="sky")
    s.box(300, 95, 400, 230)
    s.cup(160, 180, 1.1)
    s.line([(90, 120), (150, 120)], width=1.8)
    s.line([(180, 120), (230, 120)], width=1.8)
    yield "02-cafe-window", s

    # 3. Downloading the app: an arrow into the phone.
    s = Scene(3)
    x0, y0, x1, y1 = s.phone(205, 56)
    s.line([(240, 20), (240, 120)], width=3)
    s.line([(222, 100), (240, 122), (258, 100)], width=3)
    s.box(x0 + 8, 150, x1 - 8, 160, colour="leaf", width=1.6)
    s.person(110, 90, 0.9)
    s.line([(140, 150), (200, 140)])
    yield "03-app-download", s

    # 4. Ordering: the cup on screen and a big "Order" button.
    s = Scene(4)
    x0, y0, x1, y1 = s.phone(150, 40, 1.15)
    s.cup(190, 120, 0.9)
    s.box(x0 + 8, 135, x1 - 8, 155, colour="leaf", width=1.8)
    s.line([(280, 90), (330, 80), (360, 110)], width=2)
    s.circle(380, 120, 22, colour="stone")
    s.line([(372, 142), (372, 200)], width=2)
    s.line([(388, 142), (388, 200)], width=2)
    yield "04-order-in-app", s

    # 5. The pickup counter, and a queue that should not be there.
    s = Scene(5)
    s.box(20, 150, 300, 230, colour="coffee")
    for i, x in enumerate((330, 380, 430)):
        s.person(x, 80 + i * 4, 0.8, colour=("sky", "leaf", "rose")[i])
    s.cup(90, 150, 0.8)
    s.cup(140, 150, 0.8)
    s.circle(240, 60, 26, colour="sun")
    s.line([(240, 42), (240, 60), (254, 68)], width=2)
    yield "06-pickup-queue", s

    # 6. The wrong drink: a cup and a question.
    s = Scene(6)
    s.cup(180, 200, 1.8)
    s.bubble(270, 40, 420, 120, 290)
    s.line([(330, 62), (345, 55), (360, 62), (360, 78), (345, 86), (345, 96)], width=3)
    s.circle(345, 108, 2, width=3)
    s.person(380, 150, 0.7, colour="rose")
    yield "07-wrong-drink", s

    # 7. An apology and a voucher in the inbox.
    s = Scene(7)
    env = [(100, 60), (380, 60), (380, 200), (100, 200)]
    s.wash("sky", env)
    s.line(env, closed=True)
    s.line([(100, 60), (240, 140), (380, 60)])
    s.box(250, 150, 430, 220, colour="sun")
    s.circle(280, 185, 10, width=1.6)
    s.line([(305, 175), (410, 175)], width=1.6)
    s.line([(305, 195), (380, 195)], width=1.6)
    yield "08-apology-voucher", s

    # 8. Telling a colleague about it over coffee.
    s = Scene(8)
    s.person(130, 80, 1.0, colour="leaf")
    s.person(350, 80, 1.0, colour="sky")
    s.bubble(180, 20, 300, 80, 200)
    s.cup(240, 70, 0.6)
    s.box(170, 190, 310, 200, colour="coffee")
    yield "09-tells-a-colleague", s


def main():
    convert = sys.argv[1] if len(sys.argv) > 1 else "/usr/bin/convert"
    for name, scene in scenes():
        scene.save(name, convert)


if __name__ == "__main__":
    main()
