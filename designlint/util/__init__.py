"""Leaves that import nothing from designlint: did-you-mean, atomic writes, text helpers."""
