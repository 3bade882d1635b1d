import datetime

from django.template import Context, Template


def render(source, **context):
    return Template(source).render(Context(context))


def test_filters_are_available_without_loading():
    day = datetime.date(2023, 10, 5)
    assert render("{{ d|ngay }}", d=day) == "ngày 05 tháng 10 năm 2023"
    assert render("{{ d|ngay:'Tây Hồ' }}", d=day) == "Tây Hồ, ngày 05 tháng 10 năm 2023"
    assert render("{{ d|ngay_ngan }}", d=day) == "5/10/2023"
    assert render("{{ v|so }} {{ v|phan_tram }} {{ n|la_ma }}", v=20.3, n=6) == "20,3 20,3% VI"


def test_filters_render_nothing_for_missing_values():
    assert render("[{{ d|ngay }}][{{ v|so }}]", d=None, v=None) == "[][]"
