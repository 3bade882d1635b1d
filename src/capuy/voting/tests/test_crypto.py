"""The cryptography of secret ballots (``capuy.voting.crypto``): threshold key, homomorphic tally, teller codes."""

import itertools
import random

import pytest

from capuy.voting import crypto


@pytest.mark.parametrize(("n", "k"), [(1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (7, 4)])
def test_any_k_of_n_shares_rebuild_the_key_and_k_minus_one_do_not(n, k):
    public, shares = crypto.split_key(n, k)
    pairs = [(i, s) for i, s, _ in shares]
    keys = {crypto.combine_shares(list(subset)) for subset in itertools.combinations(pairs, k)}
    assert len(keys) == 1
    secret = keys.pop()
    assert crypto.encode(crypto.base_point(secret)) == public
    if k > 1:
        for subset in itertools.combinations(pairs, k - 1):
            assert crypto.combine_shares(list(subset)) != secret


@pytest.mark.parametrize(("n", "k"), [(0, 1), (2, 3), (3, 0)])
def test_an_impossible_threshold_is_refused(n, k):
    with pytest.raises(crypto.CryptoError):
        crypto.split_key(n, k)


def test_each_share_matches_only_its_own_verification_key():
    _, shares = crypto.split_key(3, 2)
    for i, share, verification in shares:
        assert crypto.share_matches(share, verification)
        for j, other, _ in shares:
            if j != i:
                assert not crypto.share_matches(other, verification)
        assert not crypto.share_matches(share + 1, verification)


@pytest.mark.parametrize(("voters", "width", "k"), [(1, 3, 1), (17, 3, 2), (60, 5, 3), (40, 1, 2)])
def test_the_homomorphic_tally_equals_the_plaintext_tally(voters, width, k):
    rng = random.Random(voters * 31 + width)
    public, shares = crypto.split_key(k + 1, k)
    plain = [0] * width
    sealed = []
    for _ in range(voters):
        bits = [rng.randint(0, 1) for _ in range(width)]
        plain = [a + b for a, b in zip(plain, bits, strict=True)]
        sealed.append(crypto.encrypt(public, bits))
    totals = crypto.add_ballots(sealed, width)
    chosen = rng.sample(shares, k)
    partials = {i: crypto.partial_decrypt(s, totals) for i, s, _ in chosen}
    assert crypto.decrypt_totals(totals, partials, voters) == plain


def test_fewer_than_k_partial_decryptions_decrypt_nothing():
    public, shares = crypto.split_key(3, 2)
    totals = crypto.add_ballots([crypto.encrypt(public, [1, 0]) for _ in range(5)], 2)
    partials = {i: crypto.partial_decrypt(s, totals) for i, s, _ in shares[:1]}
    with pytest.raises(crypto.CryptoError):
        crypto.decrypt_totals(totals, partials, 5)


def test_the_same_choice_encrypts_differently_every_time():
    public, _ = crypto.split_key(1, 1)
    assert crypto.encrypt(public, [1, 0, 0]) != crypto.encrypt(public, [1, 0, 0])
    assert len(crypto.encrypt(public, [1, 0, 0])) == 3 * crypto.PAIR


def test_a_malformed_ballot_is_refused():
    public, _ = crypto.split_key(1, 1)
    with pytest.raises(crypto.CryptoError):
        crypto.add_ballots([crypto.encrypt(public, [1, 0])], 3)
    with pytest.raises(crypto.CryptoError):
        crypto.add_ballots([b"\x04" + b"\x00" * (crypto.PAIR - 1)], 1)


@pytest.mark.parametrize("typed", ["{code}", "{lower}", " {nodash} ", "{spaced}"])
def test_a_teller_code_opens_its_sealed_share_however_it_is_typed(typed):
    code, public = crypto.new_teller_code()
    share = crypto.random_scalar()
    sealed = crypto.seal_share(public, share, b"vote:1:1")
    entered = typed.format(code=code, lower=code.lower(), nodash=code.replace("-", ""),
                           spaced=code.replace("-", " "))
    assert crypto.open_share(entered, sealed, b"vote:1:1") == share


def test_a_sealed_share_opens_with_nothing_else():
    code, public = crypto.new_teller_code()
    other, _ = crypto.new_teller_code()
    share = crypto.random_scalar()
    sealed = crypto.seal_share(public, share, b"vote:1:1")
    assert crypto.open_share(other, sealed, b"vote:1:1") != share  # another teller's code
    assert crypto.open_share(code, sealed, b"vote:2:1") != share  # the same sealed bytes copied to another vote
    assert share.to_bytes(32, "big") not in sealed
    with pytest.raises(crypto.CryptoError):
        crypto.open_share(code, b"", b"vote:1:1")  # erased after the count
