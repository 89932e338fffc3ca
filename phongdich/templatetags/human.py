"""Filters every template has (settings.TEMPLATES builtins): numbers and money the way a
Vietnamese official writes them, whatever the page's language."""

from decimal import Decimal

from django import template

register = template.Library()


def group(number: int | float | Decimal | str | None) -> str:
    """1000000 → "1.000.000"; decimals keep a comma: 2.5 → "2,5"."""
    if number is None or number == "":
        return ""
    try:
        value = Decimal(str(number))
    except ArithmeticError:
        return str(number)
    if value == value.to_integral_value():
        return f"{int(value):,}".replace(",", ".")
    whole, _, fraction = f"{value:f}".partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + fraction.rstrip("0")


@register.filter
def num(number: int | float | Decimal | str | None) -> str:
    return group(number)


@register.filter
def money(amount: int | float | Decimal | str | None) -> str:
    """1000000 → "1.000.000 đ" (a no-break space keeps the đ with its number)."""
    text = group(amount)
    return f"{text}\u00a0đ" if text else ""
