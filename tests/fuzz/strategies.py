"""What the fuzz tests type: any text, and the awkward inputs people and attackers send."""

from hypothesis import strategies as st

AWKWARD = [
    "",
    " ",
    "0",
    "-1",
    "-0",
    "1e3",
    "1e999",
    "-1e999",
    "NaN",
    "nan",
    "Infinity",
    "-Infinity",
    "inf",
    "9" * 40,
    "-" + "9" * 40,
    "0x1F",
    "1,000",
    "12.5%",
    "1/2",
    "½",
    "²",  # a superscript two: str.isdigit() says it is a digit, int() cannot read it
    "1²",
    "٣",  # an Arabic-Indic digit three
    "１２",  # full-width digits
    "\u202e12",  # right-to-left override
    "\x00",
    "a\x00b",
    "\r\n",
    "\x1b[31m",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '=HYPERLINK("http://example.com")',
    "{{ 7*7 }}",
    "%s%s%n",
    "../../etc/passwd",
    "31/02/2026",
    "2026-13-45",
    "2026-02-30",
    "0000-00-00",
    "99999-01-01",
    "1/1/1",
    "today",
    "x" * 10_001,
    "é" * 3_000,
]

# Any text without lone surrogates (which cannot be sent as UTF-8), control characters
# included, or one of the awkward inputs above.
TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=60) | st.sampled_from(
    AWKWARD
)
NUMBERS = st.integers(min_value=-(10**30), max_value=10**30).map(str) | st.floats(
    allow_nan=True, allow_infinity=True
).map(repr)
ANY = TEXT | NUMBERS
