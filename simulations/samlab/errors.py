"""Errors raised for bad input. One class, so the CLI and the widgets can catch it."""


class SamlabValueError(ValueError):
    """A parameter, lever or scenario was not allowed. The message names it and says what is."""
