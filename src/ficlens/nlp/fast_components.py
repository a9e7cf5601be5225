"""Faster, exact forms of two of spaCy's per-token components.

After the parser, spaCy's English pipeline runs the ``attribute_ruler`` (179 token patterns
that map tags to POS and morphology, run through the general ``Matcher`` on every token) and
the rule ``lemmatizer``. Together they took about a fifth of the parse:

* the lemmatizer checks each candidate lemma against a *list* of known words (57,000 nouns);
  the lists become sets, which answer the same membership question at once;
* the ruler's patterns read four token attributes (lower-case form, tag, dependency,
  is-space), so which patterns a token passes is worked out once per distinct combination
  of the four, and patterns of two tokens are checked from their tokens' answers.

The annotations are those of the stock components to the last attribute
(``tests/test_fast_components.py`` compares them). Where a pattern uses anything else (a model
other than the one tested, a newer spaCy), the stock ruler is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_RULER_ATTRS = ("LOWER", "TAG", "DEP", "IS_SPACE")


def accelerate(nlp) -> None:  # noqa: ANN001 - a spaCy Language, imported lazily
    """Speed up the lemmatizer and the attribute ruler, where the pipeline has them in the
    shape this module understands."""
    if "lemmatizer" in nlp.pipe_names:
        _index_lemmas_as_sets(nlp.get_pipe("lemmatizer"))
    if "attribute_ruler" in nlp.pipe_names:
        _match_rules_once(nlp.get_pipe("attribute_ruler"))


def _index_lemmas_as_sets(lemmatizer) -> None:  # noqa: ANN001
    """The rule lemmatizer asks ``form in index`` of each candidate lemma, where ``index``
    is the list of known words for the part of speech (57,000 nouns): a set answers the same
    question at once."""
    if getattr(lemmatizer, "mode", None) != "rule":
        return
    table = lemmatizer.lookups.get_table("lemma_index", None)
    if table is None:
        return
    for pos, words in list(table.items()):
        if isinstance(words, list):
            table[pos] = frozenset(words)


def _match_rules_once(ruler) -> None:  # noqa: ANN001
    rules = []  # (match id, its alternative patterns), in the ruler's order
    for key in range(len(ruler.attrs)):
        match_id = ruler.vocab.strings[str(key)]
        patterns = ruler.matcher.get(match_id)[1]
        if not all(_understood(token) for pattern in patterns for token in pattern):
            return  # a pattern this module cannot read: keep the stock ruler
        rules.append((match_id, patterns))
    stock = ruler.match
    index = _RuleIndex(rules, ruler.vocab.strings)

    def match(doc) -> list[tuple[int, int, int, int]]:  # noqa: ANN001
        if not (doc.has_annotation("TAG") and doc.has_annotation("DEP")):
            return stock(doc)
        signatures = list(map(tuple, doc.to_array(list(_RULER_ATTRS)).tolist()))
        # as AttributeRuler.match: sorted by the rule's number, so later rules win
        found = [(int(ruler.vocab.strings[m]), m, s, e) for m, s, e in index.matches(signatures)]
        found.sort()
        return found

    ruler.match = match


def _understood(token_pattern: dict) -> bool:
    for attr, value in token_pattern.items():
        if attr not in _RULER_ATTRS:
            return False  # also an "OP": every pattern read here has a fixed length
        if isinstance(value, dict):
            if len(value) != 1 or next(iter(value)) not in ("IN", "NOT_IN", "REGEX"):
                return False
        elif not isinstance(value, (str, bool)):
            return False
    return True


class _RuleIndex:
    """Where the ruler's fixed-length patterns match, from each token's attribute signature
    (lower-case form, tag, dependency, is-space). What a signature passes is worked out once:
    a story has a few thousand distinct signatures and tens of thousands of tokens."""

    def __init__(self, rules: list[tuple[int, list[list[dict]]]], strings) -> None:  # noqa: ANN001
        self._strings = strings
        self._tests: list[Callable[[dict], bool]] = []
        self._by_requirement: dict[tuple[str | None, str | None], list[int]] = {}
        self._patterns: list[tuple[int, tuple[int, ...]]] = []  # (match id, test per token)
        for match_id, alternatives in rules:
            for pattern in alternatives:
                self._patterns.append((match_id, tuple(map(self._add_test, pattern))))
        self._passed: dict[tuple[int, ...], frozenset[int]] = {}
        self._starts: dict[tuple[int, ...], tuple[tuple[int, tuple[int, ...]], ...]] = {}

    def _add_test(self, token_pattern: dict) -> int:
        number = len(self._tests)
        self._tests.append(_token_test(token_pattern))
        tag, lower = token_pattern.get("TAG"), token_pattern.get("LOWER")
        requirement = (tag if isinstance(tag, str) else None,
                       lower if isinstance(lower, str) else None)
        self._by_requirement.setdefault(requirement, []).append(number)
        return number

    def passed(self, signature: tuple[int, ...]) -> frozenset[int]:
        """The token tests a token with this signature passes."""
        known = self._passed.get(signature)
        if known is None:
            lower, tag, dep, is_space = signature
            values = {"LOWER": self._strings[lower] if lower else "",
                      "TAG": self._strings[tag] if tag else "",
                      "DEP": self._strings[dep] if dep else "",
                      "IS_SPACE": bool(is_space)}
            lower_form, tag_name = values["LOWER"], values["TAG"]
            candidates = [number
                          for requirement in ((tag_name, lower_form), (tag_name, None),
                                              (None, lower_form), (None, None))
                          for number in self._by_requirement.get(requirement, ())]
            known = self._passed[signature] = frozenset(
                n for n in candidates if self._tests[n](values))
        return known

    def _starting(self, signature: tuple[int, ...]) -> tuple[tuple[int, tuple[int, ...]], ...]:
        """The patterns whose first token this signature passes: (match id, the tests of
        the tokens after it)."""
        known = self._starts.get(signature)
        if known is None:
            passed = self.passed(signature)
            known = self._starts[signature] = tuple(
                (match_id, tests[1:]) for match_id, tests in self._patterns
                if tests[0] in passed)
        return known

    def matches(self, signatures: list[tuple[int, ...]]) -> list[tuple[int, int, int]]:
        """(match id, start, end) of every rule that matches, once each, as the Matcher
        gives them."""
        found: dict[tuple[int, int, int], None] = {}
        for i, signature in enumerate(signatures):
            for match_id, rest in self._starting(signature):
                end = i + 1 + len(rest)
                if end <= len(signatures) and all(
                        test in self.passed(signatures[i + 1 + k])
                        for k, test in enumerate(rest)):
                    found[(match_id, i, end)] = None
        return list(found)


def _token_test(token_pattern: dict) -> Callable[[dict], bool]:
    checks = [_value_test(attr, value) for attr, value in token_pattern.items()]
    return lambda values: all(check(values) for check in checks)


def _value_test(attr: str, value: object) -> Callable[[dict], bool]:
    if not isinstance(value, dict):
        return lambda values: values[attr] == value
    (operator, operand), = value.items()
    if operator == "IN":
        members = set(operand)
        return lambda values: values[attr] in members
    if operator == "NOT_IN":
        members = set(operand)
        return lambda values: values[attr] not in members
    pattern = re.compile(operand)
    return lambda values: bool(pattern.search(values[attr]))
