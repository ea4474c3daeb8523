"""Properties of anchoring over generated texts: it never crashes, and a quote that occurs once is always found.

Quotes are whole words: an occurrence that starts or ends inside a word does not count.
"""

from __future__ import annotations

from annotate.anchoring import (
    Anchor,
    AnchorFailure,
    anchor_quote,
    distinguishing_context,
    find_all,
    normalise,
    on_word_boundaries,
)
from hypothesis import given, settings
from hypothesis import strategies as st

# Small alphabets make repeated words likely, so ambiguity and context are exercised too.
WORDS = st.lists(st.sampled_from(["Rust", "ML", "fast", "safe", "it’s", "“GC”", "and", "the", "a", "."]), min_size=1)
PARAGRAPHS = st.lists(WORDS.map(" ".join), min_size=1, max_size=4).map(
    lambda paragraphs: "\n".join(normalise(p) for p in paragraphs)
)
ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=80)


@settings(max_examples=300, deadline=None)
@given(text=PARAGRAPHS, data=st.data())
def test_a_quote_that_occurs_exactly_once_is_found_where_it_is(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = normalise(text[start:end])
    result = anchor_quote(text, quote)
    occurrences = [s for s in find_all(text, quote) if on_word_boundaries(text, s, s + len(quote))] if quote else []
    if len(occurrences) == 1:
        assert result == Anchor(occurrences[0], occurrences[0] + len(quote))
    else:
        assert isinstance(result, AnchorFailure)


@settings(max_examples=300, deadline=None)
@given(text=PARAGRAPHS, data=st.data())
def test_distinguishing_context_picks_the_chosen_occurrence_or_admits_it_cannot(text, data):
    line = data.draw(st.sampled_from(text.split("\n")))
    if not line:
        return
    offset = text.index(line)
    start = offset + data.draw(st.integers(0, len(line) - 1))
    end = data.draw(st.integers(start + 1, offset + len(line)))
    quote = text[start:end]
    if quote != quote.strip() or not on_word_boundaries(text, start, end):
        return
    prefix, suffix = distinguishing_context(text, start, end)
    if prefix or suffix:
        assert anchor_quote(text, quote, prefix, suffix) == Anchor(start, end)
    elif len([s for s in find_all(text, quote) if on_word_boundaries(text, s, s + len(quote))]) == 1:
        assert anchor_quote(text, quote) == Anchor(start, end)


@settings(max_examples=300, deadline=None)
@given(text=ANY_TEXT, quote=ANY_TEXT, prefix=st.none() | ANY_TEXT, suffix=st.none() | ANY_TEXT)
def test_anchoring_never_crashes_on_any_input(text, quote, prefix, suffix):
    result = anchor_quote(normalise(text), quote, prefix, suffix)
    assert isinstance(result, Anchor | AnchorFailure)
    if isinstance(result, AnchorFailure):
        assert result.reason in {"empty", "not found", "ambiguous"} and result.hint
