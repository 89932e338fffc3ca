"""Generated obfuscations of phone numbers, ID numbers and e-mail addresses never pass; generated
amounts of money are never refused."""

from hypothesis import given, settings
from hypothesis import strategies as st

from lib.privacy import EMAIL, PHONE, find_personal_data

DIGITS = "0123456789"
FULL_WIDTH = {d: chr(0xFF10 + int(d)) for d in DIGITS}
SEPARATORS = [
    " ",
    "  ",
    "   ",
    "-",
    " - ",
    "–",
    " – ",
    "—",
    ".",
    "/",
    " / ",
    "\\",
    ",",
    "_",
    "·",
    "(",
    ")",
    "\u00a0",
    "\u200b",
]
WORDS = ["Gọi", "SĐT", "liên hệ", "số", "anh", "chị", "tại", "ĐT:", "đồng", "đ", "VNĐ", "triệu", "nghìn", "."]


def _mobile() -> st.SearchStrategy[str]:
    return st.builds(
        lambda p, rest: p + rest,
        st.sampled_from(["03", "05", "07", "08", "09"]),
        st.text(DIGITS, min_size=8, max_size=8),
    )


def _landline() -> st.SearchStrategy[str]:
    return st.builds(lambda rest: "02" + rest, st.text(DIGITS, min_size=9, max_size=9))


@st.composite
def _written(draw: st.DrawFn, number: str) -> str:
    """The number with any separators between its digits, some digits full-width."""
    out = []
    for index, digit in enumerate(number):
        if index and draw(st.booleans()):
            out.append(draw(st.sampled_from(SEPARATORS)))
        out.append(FULL_WIDTH[digit] if draw(st.booleans()) else digit)
    return "".join(out)


@st.composite
def _phone(draw: st.DrawFn) -> str:
    number = draw(st.one_of(_mobile(), _landline()))
    prefix = draw(st.sampled_from(["", "+84", "84", "+84 ", "(+84) ", "0084 "]))
    if prefix:
        number = number[1:]
    return prefix + draw(_written(number))


@st.composite
def _in_a_sentence(draw: st.DrawFn, identifier: st.SearchStrategy[str]) -> str:
    before = draw(st.lists(st.sampled_from(WORDS), max_size=3))
    after = draw(st.lists(st.sampled_from(WORDS), max_size=3))
    return " ".join([*before, draw(identifier), *after])


@st.composite
def _id_number(draw: st.DrawFn) -> str:
    # The one documented limit: nine digits ending in 000 before a currency word read as money.
    number = draw(st.one_of(st.text(DIGITS, min_size=12, max_size=12), st.text(DIGITS, min_size=9, max_size=9)))
    if len(number) == 9 and number.endswith("000"):
        number = number[:-1] + "1"
    return draw(_written(number))


class TestObfuscations:
    @settings(max_examples=400, deadline=None)
    @given(_in_a_sentence(_phone()))
    def test_no_phone_number_passes(self, text: str) -> None:
        assert PHONE in [f.kind for f in find_personal_data(text)], text

    @settings(max_examples=300, deadline=None)
    @given(_in_a_sentence(_id_number()))
    def test_no_id_number_passes(self, text: str) -> None:
        assert find_personal_data(text), text

    @settings(max_examples=200, deadline=None)
    @given(
        st.from_regex(r"[a-z][a-z0-9._]{0,10}", fullmatch=True),
        st.sampled_from(["@", "＠", " @ ", "﹫"]),
        st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True),
        st.sampled_from([".com", ".vn", ".gov.vn", " . com", "．vn"]),
    )
    def test_no_email_address_passes(self, user: str, at: str, domain: str, tld: str) -> None:
        text = f"liên hệ {user}{at}{domain}{tld}"
        assert EMAIL in [f.kind for f in find_personal_data(text)], text

    @settings(max_examples=300, deadline=None)
    @given(
        st.integers(min_value=1, max_value=9_999_999),
        st.sampled_from([".", ""]),
        st.sampled_from([" đồng", "đ", " VNĐ", " ₫", " đồng."]),
    )
    def test_amounts_of_money_pass(self, thousands: int, grouping: str, currency: str) -> None:
        amount = thousands * 1000
        written = f"{amount:,}".replace(",", grouping)
        assert find_personal_data(f"phạt tiền {written}{currency}") == []
