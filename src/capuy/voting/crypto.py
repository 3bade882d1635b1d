"""The cryptography of secret electronic ballots (README.md, "Secret ballots"), on the secp256k1 group of
libsecp256k1 (through ``coincurve``): no database, no Django.

- **Exponential ElGamal.** A vote has a public key ``H = x·G``. A ballot is, for every choice it could carry,
  a ciphertext ``(c1, c2) = (r·G, m·G + r·H)`` with ``m`` = 1 when the ballot carries that choice, else 0, and
  ``r`` fresh and random. Ciphertexts add up point by point, so the sum of all ballots encrypts the totals.
- **Threshold key (Shamir, with verification keys as in Feldman's VSS).** ``x`` is generated in memory at
  opening and split into ``n`` shares ``x_i = f(i)`` of a random polynomial of degree ``k − 1`` with
  ``f(0) = x``; ``x`` itself is forgotten. Only ``H`` and each share's verification key ``X_i = x_i·G`` are
  kept, so a submitted share is checked (``x_i·G == X_i``) before it is used. Any ``k`` shares give the
  partial decryptions ``d_i = x_i·C1`` whose Lagrange combination is ``x·C1``; fewer give nothing.
- **Sealing a share for a teller.** Each member of the counting board has a code (``new_teller_code``) that
  only they hold; its public key ``T = t·G`` is stored. A share is stored as ``E = e·G`` and
  ``x_i XOR SHA-256(e·T ‖ E ‖ context)`` (ECIES with a one-time pad); whoever lacks the code cannot open it.
- **Discrete logarithm of a total** (at most the number of ballots): a table of ``j·G`` for ``j ≤ ballots``.
"""

import base64
import hashlib
import secrets
import threading
from collections.abc import Iterable, Sequence

from coincurve import PrivateKey, PublicKey

ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141  # n of secp256k1
POINT = 65  # an uncompressed point: five times faster to read back than a compressed one when summing
PAIR = 2 * POINT
CODE_GROUPS, CODE_GROUP = 5, 4  # a teller code: 20 base-32 characters, 100 bits


class CryptoError(ValueError):
    """A share, code or ciphertext that does not fit (wrong code, corrupted data, too few shares)."""


def random_scalar() -> int:
    return secrets.randbelow(ORDER - 1) + 1


def _scalar_bytes(value: int) -> bytes:
    return (value % ORDER).to_bytes(32, "big")


def base_point(m: int) -> PublicKey:
    """``m·G`` for 1 ≤ m < n."""
    return PrivateKey(_scalar_bytes(m)).public_key


def mul(point: PublicKey, scalar: int) -> PublicKey:
    return point.multiply(_scalar_bytes(scalar))


def point(data: bytes) -> PublicKey:
    try:
        return PublicKey(bytes(data))
    except (ValueError, TypeError) as exc:
        raise CryptoError("Dữ liệu khóa không hợp lệ.") from exc


def encode(p: PublicKey) -> bytes:
    return p.format(compressed=False)


# -----------------------------------------------------------------------------------------------------------
# Threshold key
# -----------------------------------------------------------------------------------------------------------


def split_key(n: int, k: int) -> tuple[bytes, list[tuple[int, int, bytes]]]:
    """A new key pair split ``k`` of ``n``: (public key, [(index, share, verification key)]).

    The private key exists only in this function's memory."""
    if not 1 <= k <= n:
        raise CryptoError("Ngưỡng giải mã phải từ 1 đến số thành viên Ban kiểm phiếu.")
    coefficients = [random_scalar() for _ in range(k)]
    public = encode(base_point(coefficients[0]))
    shares = []
    for i in range(1, n + 1):
        value = 0
        for c in reversed(coefficients):  # Horner: f(i) mod n
            value = (value * i + c) % ORDER
        shares.append((i, value, encode(base_point(value))))
    coefficients.clear()
    return public, shares


def lagrange_at_zero(indices: Sequence[int]) -> list[int]:
    """The coefficients λ_i with f(0) = Σ λ_i f(i) for distinct ``indices``."""
    if len(set(indices)) != len(indices):
        raise CryptoError("Các phần khóa phải khác nhau.")
    result = []
    for i in indices:
        num = den = 1
        for j in indices:
            if j != i:
                num = num * j % ORDER
                den = den * (j - i) % ORDER
        result.append(num * pow(den, -1, ORDER) % ORDER)
    return result


def combine_shares(shares: Sequence[tuple[int, int]]) -> int:
    """The secret from (index, share) pairs: correct only with at least ``k`` of them (used by the tests)."""
    lambdas = lagrange_at_zero([i for i, _ in shares])
    return sum(lam * s for lam, (_, s) in zip(lambdas, shares, strict=True)) % ORDER


def share_matches(share: int, verification: bytes) -> bool:
    return 0 < share < ORDER and encode(base_point(share)) == bytes(verification)


# -----------------------------------------------------------------------------------------------------------
# Ballots
# -----------------------------------------------------------------------------------------------------------


def encrypt(public: bytes, bits: Sequence[int]) -> bytes:
    """One ciphertext pair per choice (``bits`` are 0 or 1), concatenated."""
    h = point(public)
    out = bytearray()
    for m in bits:
        r = random_scalar()
        c1 = base_point(r)
        c2 = mul(h, r)
        if m:
            c2 = c2.add(_scalar_bytes(1))  # r·H + G
        out += encode(c1) + encode(c2)
    return bytes(out)


def add_ballots(ballots: Iterable[bytes], width: int) -> list[tuple[bytes, bytes]]:
    """The point-by-point sum of ciphertexts (each ``width`` pairs): the encrypted totals."""
    c1s: list[list[PublicKey]] = [[] for _ in range(width)]
    c2s: list[list[PublicKey]] = [[] for _ in range(width)]
    for data in ballots:
        data = bytes(data)
        if len(data) != width * PAIR:
            raise CryptoError("Phiếu mã hóa không đúng định dạng.")
        for j in range(width):
            at = j * PAIR
            c1s[j].append(point(data[at:at + POINT]))
            c2s[j].append(point(data[at + POINT:at + PAIR]))
    if not c1s or not c1s[0]:
        return []
    return [(encode(PublicKey.combine_keys(a)), encode(PublicKey.combine_keys(b))) for a, b in zip(c1s, c2s, strict=True)]


def pack(pairs: Sequence[tuple[bytes, bytes]]) -> bytes:
    return b"".join(a + b for a, b in pairs)


def unpack(data: bytes) -> list[tuple[bytes, bytes]]:
    data = bytes(data)
    return [(data[at:at + POINT], data[at + POINT:at + PAIR]) for at in range(0, len(data), PAIR)]


def partial_decrypt(share: int, totals: Sequence[tuple[bytes, bytes]]) -> bytes:
    """``x_i·C1`` for every total: what a teller's share contributes (reveals nothing about a single ballot)."""
    return b"".join(encode(mul(point(c1), share)) for c1, _ in totals)


def decrypt_totals(totals: Sequence[tuple[bytes, bytes]], partials: dict[int, bytes], at_most: int) -> list[int]:
    """The totals from the partial decryptions of at least ``k`` tellers (``{index: partial}``)."""
    indices = sorted(partials)
    lambdas = lagrange_at_zero(indices)
    table = _multiples(at_most)
    counts = []
    for n, (_, c2) in enumerate(totals):
        terms = [mul(point(partials[i][n * POINT:(n + 1) * POINT]), lam) for i, lam in zip(indices, lambdas, strict=True)]
        x_c1 = PublicKey.combine_keys(terms) if len(terms) > 1 else terms[0]
        if encode(x_c1) == bytes(c2):
            counts.append(0)  # m·G is the point at infinity
            continue
        m_point = PublicKey.combine_keys([point(c2), mul(x_c1, ORDER - 1)])  # C2 − x·C1
        found = table.get(encode(m_point))
        if found is None or found > at_most:
            raise CryptoError("Không giải mã được kết quả: phần khóa không khớp với khóa của cuộc bỏ phiếu.")
        counts.append(found)
    return counts


_table: dict[bytes, int] = {}
_table_lock = threading.Lock()


def _multiples(at_most: int) -> dict[bytes, int]:
    """{j·G: j} for 1 ≤ j ≤ at_most, kept and extended per process (public values)."""
    with _table_lock:
        known = len(_table)
        if known < at_most:
            acc = base_point(known) if known else None
            for j in range(known + 1, at_most + 1):
                acc = base_point(1) if acc is None else acc.add(_scalar_bytes(1))
                _table[encode(acc)] = j
        return _table


# -----------------------------------------------------------------------------------------------------------
# Teller codes and sealed shares
# -----------------------------------------------------------------------------------------------------------


def normalize_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def _teller_secret(code: str) -> int:
    digest = hashlib.sha256(b"capuy-teller-code\x00" + normalize_code(code).encode()).digest()
    return int.from_bytes(digest, "big") % (ORDER - 1) + 1


def new_teller_code() -> tuple[str, bytes]:
    """A fresh teller code (to be shown once, never stored) and its public key (stored)."""
    raw = base64.b32encode(secrets.token_bytes(CODE_GROUPS * CODE_GROUP * 5 // 8)).decode()
    code = "-".join(raw[i:i + CODE_GROUP] for i in range(0, CODE_GROUPS * CODE_GROUP, CODE_GROUP))
    return code, teller_public_key(code)


def teller_public_key(code: str) -> bytes:
    return encode(base_point(_teller_secret(code)))


def _pad(shared: PublicKey, ephemeral: bytes, context: bytes) -> bytes:
    return hashlib.sha256(b"capuy-share\x00" + encode(shared) + ephemeral + context).digest()


def seal_share(teller_public: bytes, share: int, context: bytes) -> bytes:
    """``share`` encrypted to a teller's public key: E ‖ (share XOR pad)."""
    e = random_scalar()
    ephemeral = encode(base_point(e))
    pad = _pad(mul(point(teller_public), e), ephemeral, context)
    return ephemeral + bytes(a ^ b for a, b in zip(_scalar_bytes(share), pad, strict=True))


def open_share(code: str, sealed: bytes, context: bytes) -> int:
    sealed = bytes(sealed)
    if len(sealed) != POINT + 32:
        raise CryptoError("Phần khóa đã được dùng hoặc không còn.")
    ephemeral = sealed[:POINT]
    pad = _pad(mul(point(ephemeral), _teller_secret(code)), ephemeral, context)
    return int.from_bytes(bytes(a ^ b for a, b in zip(sealed[POINT:], pad, strict=True)), "big")
