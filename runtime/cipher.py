"""Encryption at rest of every stored event: eventsourcing's AES-GCM cipher and its key.

The key (16, 24 or 32 bytes, base64) comes from `QA_CIPHER_KEY`, else from the file named by
`QA_CIPHER_KEY_FILE` (a mounted Secret). A local process (see `Settings.is_local`) with neither
uses `QA_DATA_DIR/cipher.key`, generated on first use with mode 0600, so `make run` and
`make test` need no setup; any other process refuses to start without a key.

Rotation: the library encrypts with one key. `KeyRing` encrypts with the current key and also
decrypts with the keys in `QA_CIPHER_OLD_KEYS` (comma-separated), so a new key can be put in force
at once; events stored under an old key keep it until they are re-encrypted, which needs a
migration this code does not do (docs/security.md).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import orjson
from eventsourcing.cryptography import AESCipher
from eventsourcing.persistence import Cipher
from eventsourcing.utils import Environment

from runtime.settings import Settings

KEY_BYTES = 32
LOCAL_KEY_FILE = "cipher.key"
ACCEPT_PLAINTEXT = "QA_CIPHER_ACCEPT_PLAINTEXT"


class CipherKeyError(RuntimeError):
    """No usable key: missing outside a local run, unreadable, or not 16/24/32 bytes of base64."""


def new_key() -> str:
    """A fresh AES-256 key, base64-encoded (what `qa cipher-key` prints)."""
    return base64.b64encode(os.urandom(KEY_BYTES)).decode()


def checked_key(key: str, source: str) -> str:
    try:
        size = len(base64.b64decode(key.strip(), validate=True))
    except binascii.Error as error:
        raise CipherKeyError(f"{source}: not base64 ({error})") from error
    if size not in AESCipher.KEY_SIZES:
        raise CipherKeyError(f"{source}: {size} bytes; a key has 16, 24 or 32 (`qa cipher-key`)")
    return key.strip()


def local_key_file(data_dir: Path) -> Path:
    """The data folder's key file, created (mode 0600) with a new key if missing. Concurrent
    processes agree: the file appears whole, by a link that fails if another came first."""
    path = data_dir.expanduser() / LOCAL_KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".cipher-")
        try:
            with os.fdopen(descriptor, "w") as file:
                file.write(new_key() + "\n")
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
    return path


def configured_key(env: Mapping[str, str], settings: Settings | None = None) -> str | None:
    """The key from `QA_CIPHER_KEY` or `QA_CIPHER_KEY_FILE`; a local process's data-folder key;
    None elsewhere."""
    if key := env.get("QA_CIPHER_KEY"):
        return checked_key(key, "QA_CIPHER_KEY")
    settings = settings or Settings()
    name = env.get("QA_CIPHER_KEY_FILE") or None
    if name is None and settings.is_local:
        name = str(local_key_file(settings.data_dir))
    if name is None:
        return None
    try:
        return checked_key(Path(name).read_text(), f"QA_CIPHER_KEY_FILE {name}")
    except OSError as error:
        raise CipherKeyError(f"QA_CIPHER_KEY_FILE: cannot read {name}: {error}") from error


def cipher_settings(env: Mapping[str, str], in_memory: bool) -> dict[str, str]:
    """The library's CIPHER_TOPIC and CIPHER_KEY for an application's environment; none for
    in-memory persistence without a key (unit tests)."""
    if in_memory and not env.get("QA_CIPHER_KEY"):
        return {}
    settings = Settings()
    key = configured_key(env, settings)
    if key is None:
        raise CipherKeyError(
            "no event store key: set QA_CIPHER_KEY or QA_CIPHER_KEY_FILE (`qa cipher-key` makes "
            "one); only a local run generates its own"
        )
    accept = env.get(ACCEPT_PLAINTEXT) or ("on" if settings.is_local else "off")
    return {"CIPHER_TOPIC": f"{__name__}:KeyRing", "CIPHER_KEY": key, ACCEPT_PLAINTEXT: accept}


class KeyRing(Cipher):
    """AES-GCM with the current key; decrypts with older keys (`QA_CIPHER_OLD_KEYS`) and, when
    `QA_CIPHER_ACCEPT_PLAINTEXT` is on (the default in a local run), reads events stored before
    encryption was turned on (a JSON object that no key authenticates)."""

    def __init__(self, environment: Environment) -> None:
        self.current = AESCipher(environment)
        old = [key for key in (environment.get("QA_CIPHER_OLD_KEYS") or "").split(",") if key]
        self.older = [_cipher(checked_key(key, "QA_CIPHER_OLD_KEYS")) for key in old]
        accept = (environment.get(ACCEPT_PLAINTEXT) or "off").strip().lower()
        self.accept_plaintext = accept in ("on", "1", "true", "yes")

    def encrypt(self, plaintext: bytes) -> bytes:
        return self.current.encrypt(plaintext)

    def decrypt(self, ciphertext: bytes) -> bytes:
        for cipher in (self.current, *self.older):
            with contextlib.suppress(ValueError):
                return cipher.decrypt(ciphertext)
        if self.accept_plaintext and _is_json_object(ciphertext):
            return ciphertext
        raise ValueError("no key in force decrypts this event (QA_CIPHER_KEY, _OLD_KEYS)")


def _cipher(key: str) -> AESCipher:
    return AESCipher(Environment(env={AESCipher.CIPHER_KEY: key}))


def _is_json_object(data: bytes) -> bool:
    if not data.startswith(b"{"):
        return False
    try:
        return isinstance(orjson.loads(data), dict)
    except orjson.JSONDecodeError:
        return False
