"""The sentence a review conference cites: "hoàn thành 18/20 nhiệm vụ, 2 nhiệm vụ đang thực hiện"."""

from collections import Counter

from capuy.tasks.models import StatusKind as K
from capuy.tasks.rules import Figures, figures_sentence


def test_it_states_done_out_of_total_then_the_tasks_in_progress():
    stats = Figures(total=20, by_kind=Counter({K.DONE: 18, K.IN_PROGRESS: 2}))
    assert figures_sentence(stats) == "hoàn thành 18/20 nhiệm vụ, 2 nhiệm vụ đang thực hiện"


def test_done_late_counts_as_done_and_is_named():
    stats = Figures(total=5, by_kind=Counter({K.DONE: 2, K.DONE_LATE: 1, K.OVERDUE: 1, K.CANCELLED: 1}))
    assert figures_sentence(stats) == ("hoàn thành 3/5 nhiệm vụ (trong đó 1 nhiệm vụ hoàn thành chậm), "
                                       "1 nhiệm vụ quá hạn, 1 nhiệm vụ dừng thực hiện")
    assert stats.share_done == 60.0


def test_no_task_gives_a_plain_sentence():
    assert figures_sentence(Figures()) == "chưa có nhiệm vụ nào"
