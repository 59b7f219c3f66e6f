#!/usr/bin/python3
"""Reads an HTML report with Python's html.parser and prints what the C++
test checks, as JSON: nesting errors, lang, charset, cell texts, classes,
tooltips, anchors, external references."""
import json
import sys
from html.parser import HTMLParser

VOID = {"meta", "br", "img", "input", "link", "hr", "col", "area", "base", "wbr", "source"}


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.errors = []
        self.lang = None
        self.charset = None
        self.cells = []          # [text, class, title] of every td
        self.headers = []        # [text, rowspan, colspan] of every th
        self.ids = set()
        self.hrefs = []
        self.external = []
        self.svg = 0
        self.tags = {}
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "meta" and "charset" in attrs:
            self.charset = attrs["charset"]
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.hrefs.append(attrs["href"])
        for key in ("src", "href"):
            value = attrs.get(key) or ""
            if "://" in value or value.startswith("//"):
                self.external.append(value)
        if tag in ("link", "script", "iframe", "img"):
            self.external.append(tag)
        if tag == "svg":
            self.svg += 1
        if tag in ("td", "th"):
            self._cell = {"tag": tag, "text": "", "class": attrs.get("class", ""),
                          "title": attrs.get("title", ""),
                          "rowspan": int(attrs.get("rowspan", "1")),
                          "colspan": int(attrs.get("colspan", "1"))}
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("unexpected </%s>, open: %s" % (tag, "/".join(self.stack[-4:])))
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag in ("td", "th") and self._cell is not None:
            cell = self._cell
            self._cell = None
            if cell["tag"] == "td":
                self.cells.append([cell["text"], cell["class"], cell["title"]])
            else:
                self.headers.append([cell["text"], cell["rowspan"], cell["colspan"]])

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        text = handle.read()
    checker = Checker()
    checker.feed(text)
    checker.close()
    if checker.stack:
        checker.errors.append("unclosed: " + "/".join(checker.stack))
    print(json.dumps({
        "errors": checker.errors, "lang": checker.lang, "charset": checker.charset,
        "cells": checker.cells, "headers": checker.headers, "ids": sorted(checker.ids),
        "hrefs": checker.hrefs, "external": checker.external, "svg": checker.svg,
        "tags": checker.tags,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
