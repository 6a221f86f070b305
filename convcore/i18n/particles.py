"""Korean particles chosen by the word before them (은/는, 이/가, 을/를, 과/와, 으로/로), as a teacher writes them.

A template asks for one in a placeholder's spec: "{value:은} 지원하지 않습니다" gives "adam은" but "sgd는";
"{value:"은}" also puts the value in quotes ("abc"는). Numbers and Latin letters are read the Korean way (3 is 삼,
x is 엑스, L is 엘), which decides their final consonant. "{limit:만}" writes 25000000 as 2,500만.
"""

from __future__ import annotations

import string
from typing import Any, Optional

from convcore.i18n.numbers import approx_number

PAIRS = {"은": ("은", "는"), "는": ("은", "는"), "이": ("이", "가"), "가": ("이", "가"), "을": ("을", "를"),
         "를": ("을", "를"), "과": ("과", "와"), "와": ("과", "와"), "으로": ("으로", "로"), "로": ("으로", "로")}
RIEUL = "ㄹ"
MAN = "만"  # the spec of a number written with 만, 억 and 조
DIGIT_FINALS = {"0": "ㅇ", "1": RIEUL, "2": None, "3": "ㅁ", "4": None, "5": None, "6": "ㄱ", "7": RIEUL, "8": RIEUL,
                "9": None}  # 영 일 이 삼 사 오 육 칠 팔 구
LETTER_FINALS = {"l": RIEUL, "r": RIEUL, "m": "ㅁ", "n": "ㄴ"}  # 엘 알 엠 엔; every other letter ends in a vowel
CLOSING = "\"'”’)]}>%"  # read past these to the word they close
HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3
RIEUL_INDEX = 8  # the final ㄹ among a syllable's 28 finals


def final_consonant(word: str) -> Optional[str]:
    """The final consonant heard at the end of `word` (None after a vowel); 'ㄹ' for ㄹ, another jamo otherwise."""
    text = word.rstrip().rstrip(CLOSING)
    if not text:
        return None
    last = text[-1]
    if HANGUL_FIRST <= ord(last) <= HANGUL_LAST:
        index = (ord(last) - HANGUL_FIRST) % 28
        return None if index == 0 else RIEUL if index == RIEUL_INDEX else "받침"
    if last in DIGIT_FINALS:
        return DIGIT_FINALS[last]
    return LETTER_FINALS.get(last.lower())


def particle(word: str, which: str) -> str:
    """The form of particle `which` (either form: 은 or 는, ...) that follows `word`."""
    with_final, without = PAIRS[which]
    final = final_consonant(word)
    if with_final == "으로":
        return without if final in (None, RIEUL) else with_final
    return without if final is None else with_final


class ParticleFormatter(string.Formatter):
    """str.format, plus a particle chosen by the value for specs such as 은, 이, "을 (quoted), and 만: a number
    grouped as Korean reads it (2,500만)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        """The value with its particle when the spec names one; else as format() writes it."""
        if format_spec == MAN:
            return approx_number(value, "ko", digits=12)
        quoted = format_spec.startswith('"')
        which = format_spec[1:] if quoted else format_spec
        if which not in PAIRS:
            return super().format_field(value, format_spec)
        text = f'"{value}"' if quoted else str(value)
        return text + particle(text, which)


FORMATTER = ParticleFormatter()


def fill(template: str, params: dict[str, Any]) -> str:
    """The template with its placeholders filled, particles chosen by the words they follow."""
    return FORMATTER.vformat(template, (), params) if params else template
