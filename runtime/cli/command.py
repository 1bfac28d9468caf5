"""What a `qa` command is: a sub-parser added to `Subcommands`, with a `Handler` as default."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TypeAlias

from runtime.settings import Settings

Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
Handler = Callable[[argparse.Namespace, Settings], int]
