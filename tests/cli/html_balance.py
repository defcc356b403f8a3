# html_balance.py FILE...: exit 1 (naming the place) when an HTML file has an unclosed or
# mismatched element; used by the report tests.
import sys
from html.parser import HTMLParser

VOID = {"meta", "br", "input", "img", "hr", "link", "rect", "path", "line", "circle", "polyline"}


class Balance(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open, self.bad = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.open.append((tag, self.getpos()))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.open or self.open[-1][0] != tag:
            self.bad.append("</%s> at line %d" % (tag, self.getpos()[0]))
        else:
            self.open.pop()


status = 0
for path in sys.argv[1:]:
    b = Balance()
    with open(path, encoding="utf-8") as f:
        b.feed(f.read())
    problems = b.bad + ["<%s> at line %d never closed" % (t, p[0]) for t, p in b.open]
    if problems:
        print("%s: %s" % (path, "; ".join(problems[:3])))
        status = 1
sys.exit(status)
