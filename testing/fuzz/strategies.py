"""What the hypothesis suite types into forms: long strings, control characters, HTML and script,
SQL-ish text, negative and enormous numbers and amounts, malformed dates, and valid values too.

Every HTML payload carries TOKEN, so the oracle (testing.safety.assert_only_in_text) can find it in
a page and check that it stayed text.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from hankehallinta.money import format_eur

TOKEN = "hhxss"

HTML_PAYLOADS = (
    f"<script>{TOKEN}()</script>",
    f'"><script>{TOKEN}()</script>',
    f"'><img src=x onerror={TOKEN}()>",
    f'" autofocus onfocus="{TOKEN}()" x="',
    f"' onmouseover='{TOKEN}()' x='",
    f"</textarea><script>{TOKEN}()</script>",
    f"</title></option></select><svg onload={TOKEN}()>",
    f'<a href="javascript:{TOKEN}()">linkki</a>',
    f"javascript:{TOKEN}()",
    f"<style>@import url(http://127.0.0.1:9/{TOKEN})</style>",
    f'<p style="background:url(http://127.0.0.1:9/{TOKEN})">',
    f'<img src="file:///etc/passwd" alt="{TOKEN}">',
    f'<link rel=attachment href="file:///etc/passwd" title="{TOKEN}">',
    f"<iframe srcdoc='<script>{TOKEN}()</script>'></iframe>",
    f"<!--{TOKEN}--><![CDATA[{TOKEN}]]>",
    f"{{{{ {TOKEN} }}}}{{% {TOKEN} %}}{{# {TOKEN} #}}",
    f"&lt;script&gt;{TOKEN}()&lt;/script&gt;",
    f"<svg><image href='http://127.0.0.1:9/{TOKEN}'/></svg>",
)
SQL_PAYLOADS = (
    "' OR '1'='1",
    "'; DROP TABLE decisions_agendaitem; --",
    '" OR ""="',
    "1; SELECT pg_sleep(5) --",
    "' UNION SELECT password FROM auth_user --",
    "%",
    "_",
    "\\",
    "\\'",
    "NULL",
    "$$; DROP TABLE x; $$",
)
CONTROL_CHARACTERS = (
    "\x00",
    "\r\n",
    "\r",
    "\n",
    "\t",
    "\x1b[31m",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\x7f",
    "\u0085",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\u200b",
    "\u202e",
    "\ufffd",
)
FINNISH_TEXTS = (
    "Työkyvyn tuen palvelut -hankkeen hankehakemus",
    "Tulevaisuuslautakunta päättää hyväksyä hankehakemuksen.",
    "Hyvinvointialuelaki 141 §",
    "SIUN/1234/02.08.00/2023",
    "Ilkka Pirskanen, strategiajohtaja",
    "Åsa Öberg-Äijälä",
    "Joensuu, Siun soten toimitalo",
    "379 904,00 €",
)
NUMBER_JUNK = (
    "1e309",
    "-1e309",
    "-0",
    "0",
    "NaN",
    "nan",
    "sNaN",
    "Infinity",
    "-inf",
    "9" * 30,
    "9" * 5000,
    "-" + "9" * 40,
    "1,5",
    "1.5",
    "1 000",
    "0x1F",
    "١٢٣",
    "１２",
    "",
    " ",
    "+1",
    "--1",
    "1e5",
    "1_000",
    "½",
    "2147483648",
    "32768",
    "-1",
    "-32769",
    "9223372036854775808",
    "0.000000000000000000001",
    "1,2,3",
)
AMOUNT_JUNK = (
    *NUMBER_JUNK,
    "379 904,00 €",
    "379.904,00",
    "379,904.00",
    "-100,00 €",
    "−100,00",
    "12,345",
    "12.34",
    "€",
    "1 2 3",
    "99 999 999 999 999,99",
)
DATE_JUNK = (
    "31.02.2025",
    "2025-13-01",
    "",
    "99.99.9999",
    "0.0.0",
    "32.1.2024",
    "29.02.2023",
    "1.1.10000",
    "-1.1.2024",
    "2024-02-30",
    "tänään",
    "１.１.２０２４",
    "01/02/2024",
    "1.1.0",
    "31.12.9999",
    "1.1.1",
    "1.1.",
    "..",
    "31.12.99999999999999999999",
)
VALID_ALPHABET = "abcdefghijklmnopqrstuvwxyzäöåÄÖÅ ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,-§/()"
TIME_JUNK = ("25:00", "24:00", "12:60", "99:99", "12", "12.5", "-1:00", "noon", "", "12:00:61")


def _repeated(pieces: tuple[str, ...], longest: int) -> st.SearchStrategy[str]:
    """A piece repeated up to `longest` characters: long strings without generating each character."""
    return st.tuples(st.sampled_from(pieces), st.integers(1, longest)).map(lambda pair: (pair[0] * pair[1])[: pair[1]])


def unicode_text(max_size: int = 80) -> st.SearchStrategy[str]:
    # Surrogates cannot be encoded into a request at all; everything else can.
    return st.text(st.characters(exclude_categories=("Cs",)), max_size=max_size)


def valid_text(max_length: int | None) -> st.SearchStrategy[str]:
    limit = min(max_length or 200, 200)
    return st.one_of(
        st.sampled_from([text for text in FINNISH_TEXTS if len(text) <= limit]),
        st.text(VALID_ALPHABET, min_size=1, max_size=limit),
    )


def hostile_text(max_length: int | None = None) -> st.SearchStrategy[str]:
    """Anything a person or an attacker could paste into a text field."""
    longest = (max_length + 10) if max_length else 4000
    piece = st.one_of(
        st.sampled_from(HTML_PAYLOADS),
        st.sampled_from(SQL_PAYLOADS),
        st.sampled_from(CONTROL_CHARACTERS),
        st.sampled_from(FINNISH_TEXTS),
        unicode_text(20),
    )
    return st.one_of(
        st.sampled_from(HTML_PAYLOADS),
        st.sampled_from(SQL_PAYLOADS),
        st.lists(piece, min_size=1, max_size=8).map("".join),
        unicode_text(),
        _repeated(("Ä", "a", "<b>", "x ", "\r\n", "§"), longest),
        st.integers(max(0, (max_length or 10) - 2), (max_length or 10) + 2).map(lambda n: "ö" * n),
    )


def text_value(max_length: int | None = None) -> st.SearchStrategy[str]:
    return st.one_of(valid_text(max_length), valid_text(max_length), hostile_text(max_length))


def integer_value(low: int | None = None, high: int | None = None) -> st.SearchStrategy[str]:
    valid = st.integers(low if low is not None else -1000, high if high is not None else 1000).map(str)
    return st.one_of(valid, st.integers(-(10**30), 10**30).map(str), st.sampled_from(NUMBER_JUNK), hostile_text(50))


def amount_value() -> st.SearchStrategy[str]:
    amounts = st.decimals(min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=2)
    return st.one_of(
        amounts.map(format_eur),
        amounts.map(lambda amount: format_eur(amount, symbol=False)),
        amounts.map(str),
        st.sampled_from(AMOUNT_JUNK),
        hostile_text(50),
    )


def date_value() -> st.SearchStrategy[str]:
    dates = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
    return st.one_of(
        dates.map(lambda day: f"{day.day}.{day.month}.{day.year}"),
        dates.map(lambda day: day.strftime("%d.%m.%Y")),
        dates.map(dt.date.isoformat),
        st.sampled_from(DATE_JUNK),
        hostile_text(40),
    )


def time_value() -> st.SearchStrategy[str]:
    return st.one_of(
        st.times().map(lambda moment: moment.strftime("%H:%M")),
        st.times().map(lambda moment: moment.strftime("%H.%M")),
        st.sampled_from(TIME_JUNK),
    )


def datetime_value() -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(date_value(), time_value()).map(" ".join),
        st.tuples(st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1)), st.times()).map(
            lambda pair: f"{pair[0]:%d.%m.%Y} {pair[1]:%H:%M}"
        ),
        st.sampled_from(("28.11.2023 14:00", "2023-11-28T14:00", "28.11.2023T14:00", "28.11.2023 24:00")),
        hostile_text(40),
    )


def email_value() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(("kirjaamo@example.fi", "sanna.sihteeri@siunsote.fi", "ä@ö.fi", "a@b", "@", "a@@b.fi")),
        hostile_text(254),
    )


def choice_value(valid: list[str]) -> st.SearchStrategy[str]:
    junk = st.sampled_from(("", "0", "-1", "9" * 30, "abc", "\x00", "None", "<script>hhxss()</script>"))
    if not valid:
        return junk
    return st.one_of(st.sampled_from(valid), st.sampled_from(valid), junk)


def multiple_choice_value(valid: list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(choice_value(valid), max_size=4)


def boolean_value() -> st.SearchStrategy[str | None]:
    """None: the box is not ticked (nothing is sent)."""
    return st.sampled_from((None, "on", "true", "false", "0", "\x00", "<b>"))
