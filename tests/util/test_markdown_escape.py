"""Markdown escaping: what a design's names and a waiver's reason can hold is shown, never read as syntax."""

from designlint.util.markdown import code, inline, text


def test_text_escapes_inline_syntax_html_and_mentions():
    assert text("a*b_c [x](y) <img> & @team | ~~s~~ !") == (
        "a\\*b\\_c \\[x\\](y) &lt;img&gt; &amp; &#64;team \\| \\~\\~s\\~\\~ \\!")
    assert text("two\nlines\r\nthree") == "two<br>lines<br>three"


def test_code_spans_hold_backticks_and_pipes():
    assert code("a`b") == "``a`b``"
    assert code("`x`") == "`` `x` ``"
    assert code("a|b") == "`a\\|b`"
    assert code("one\ntwo") == "`one two`"


def test_inline_keeps_code_spans_and_escapes_the_rest():
    assert inline("`agent` (agent) has <no> gate: add `gate: <human>`") == (
        "`agent` (agent) has &lt;no&gt; gate: add `gate: <human>`")
    assert inline("unmatched ` tick *here*") == "unmatched \\` tick \\*here\\*"
