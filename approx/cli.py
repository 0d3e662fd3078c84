"""Argument types shared by the pytest options and the command-line tools."""

import argparse


def _whole(text: str, low: int, what: str) -> int:
    try:
        value = int(text)
    except (TypeError, ValueError):
        raise argparse.ArgumentTypeError(f"expected a whole number {what}, got {text!r}") from None
    if value < low:
        raise argparse.ArgumentTypeError(f"expected a whole number {what}, got {value}")
    return value


def positive_int(text: str) -> int:
    return _whole(text, 1, ">= 1")


def non_negative_int(text: str) -> int:
    return _whole(text, 0, ">= 0")
