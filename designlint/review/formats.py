"""Render a review Scorecard as plain text, JSON or Markdown (`designlint review --format`)."""

from __future__ import annotations

import re

from designlint import __version__
from designlint.util.escape import json_text, one_line
from designlint.util.text import plural

_MARK = {"strong": "✓", "partial": "~", "missing": "✗", "not applicable": "-"}


def _score_line(card) -> str:
    skipped = card.not_applicable
    extra = f" ({plural(skipped, 'section')} not applicable)" if skipped else ""
    return f"Score {card.score}/{card.max_score}{extra}"


def text(card) -> str:
    """Plain text, one record a line: every user string passes through one_line."""
    lines = [f"Interview self-check: {one_line(card.system)} ({one_line(card.file)})",
             f"{_score_line(card)}, sections in the order a strong answer takes them.", ""]
    for number, section in enumerate(card.sections, 1):
        lines.append(f"{number}. {section.title}: {section.grade} {_MARK[section.grade]}")
        lines.extend(f"   + {one_line(item)}" for item in section.shows)
        for gap in section.gaps:
            lines.append(f"   - {one_line(gap.text)}" + (f" [{one_line(gap.location)}]" if gap.location else ""))
            lines.append(f"     ? {one_line(gap.question)}")
        lines.extend(f"   > {one_line(question)}" for question in section.follow_ups)
        lines.append("")
    asked = sum(len(s.gaps) for s in card.sections)
    follow = sum(len(s.follow_ups) for s in card.sections)
    head = f"{plural(asked, 'question')} an interviewer would ask about gaps" if asked else "No gaps"
    lines.append(f"{head}; {plural(follow, 'follow-up')} (>) a strong interviewer asks anyway.")
    return "\n".join(lines) + "\n"


def json_(card) -> str:
    return json_text({"version": __version__, **card.to_dict()}, indent=2) + "\n"


def _md(text: str) -> str:
    """Text for one Markdown line or table cell: on one line, with `|` escaped."""
    return one_line(text).replace("|", "\\|")


def markdown(card) -> str:
    lines = [f"# Interview self-check: {_md(card.system)}", "",
             f"Score: **{card.score}/{card.max_score}**"
             + (f" ({card.not_applicable} not applicable)" if card.not_applicable else "")
             + f" for `{_md(card.file).replace('`', chr(39))}`. "
             "Sections follow the order a strong answer takes.", "",
             "| # | Section | Grade | Gaps |", "|---|---|---|---|"]
    for number, section in enumerate(card.sections, 1):
        lines.append(f"| {number} | {section.title} | {_MARK[section.grade]} {section.grade} | {len(section.gaps)} |")
    for number, section in enumerate(card.sections, 1):
        lines += ["", f"## {number}. {section.title}: {section.grade}", ""]
        if section.shows:
            lines += ["What the design shows:", ""] + [f"- {_md(item)}" for item in section.shows] + [""]
        if section.gaps:
            lines += ["What an interviewer will ask:", ""]
            for gap in section.gaps:
                where = f" (`{one_line(gap.location)}`)" if gap.location else ""
                lines.append(f"- **{_md(gap.question)}**  ")
                lines.append(f"  {_md(gap.text)}{where}")
            lines.append("")
        elif not section.shows and section.applicable:
            lines.append("Nothing in the design speaks to this yet.")
        if not section.applicable:
            lines += ["Not applicable: the design has nothing this section grades.", ""]
        if section.follow_ups:
            lines += ["Follow-up questions (asked even of a strong answer):", ""]
            lines += [f"- {_md(q)}" for q in section.follow_ups] + [""]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).rstrip("\n") + "\n"


FORMATS = {"text": text, "json": json_, "markdown": markdown}


def render(card, fmt: str = "text") -> str:
    return FORMATS[fmt](card)


def render_all(cards, fmt: str = "text") -> str:
    """One scorecard as `render` prints it; several (a Markdown file's designs) one after another,
    or as a JSON array."""
    if len(cards) == 1:
        return render(cards[0], fmt)
    if fmt == "json":
        documents = [{"version": __version__, **card.to_dict()} for card in cards]
        return json_text(documents, indent=2) + "\n"
    return "\n".join(render(card, fmt) for card in cards)
