"""What apps building on conferences add to its pages, so that conferences imports none of them.

The voting app fills these in from its AppConfig.ready (``capuy.voting.panels``): the lines its votes
write into the record and the minutes, and the electronic votes open now on the presiding screen. Without
it a conference simply has no votes to show.
"""

from collections.abc import Callable


def _none(*args, **kwargs) -> list:
    return []


# (conference, item=None) -> one line per vote, worded for the record and the minutes.
vote_lines: Callable[..., list[str]] = _none
# (conference) -> the electronic votes open now, as dicts for the control page.
open_votes: Callable[..., list[dict]] = _none


def _no_ballot(conference, person_id) -> bool:
    return False


# (conference, person_id) -> has this person cast a ballot at the conference? (a ballot was cast as present)
has_voted: Callable[..., bool] = _no_ballot
