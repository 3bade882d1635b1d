"""What the browser tests share: signing in through the login page as one of the named people."""

from capuy.core.testing import PASSWORD


def sign_in(page, base_url: str, username: str, password: str = PASSWORD, next_url: str = "") -> None:
    """Sign in on the login page (as a person would: label, password, button), then go on to ``next_url``."""
    page.goto(f"{base_url}/tai-khoan/dang-nhap/" + (f"?next={next_url}" if next_url else ""))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
