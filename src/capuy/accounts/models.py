"""Logins, the roles granted on organizations, and API tokens.

A role granted on an organization covers its whole subtree. The rules for who may read and who may
change an organization's records live in ``capuy.accounts.permissions``.
"""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    person = models.OneToOneField(
        "organizations.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="user",
        verbose_name="nhân sự",
    )

    class Meta:
        verbose_name = "tài khoản"
        verbose_name_plural = "tài khoản"

    def __str__(self):
        return self.person.full_name if self.person_id else self.username


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị hệ thống"
    OFFICE = "office", "Văn phòng cấp ủy"
    COMMITTEE = "committee", "Cấp ủy viên"
    MEMBER = "member", "Đảng viên"


class RoleGrant(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="grants")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="grants", verbose_name="tổ chức"
    )
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"
        constraints = [models.UniqueConstraint(fields=["user", "organization", "role"], name="grant_unique")]

    def __str__(self):
        return f"{self.user}: {self.get_role_display()} – {self.organization}"


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for the REST API; only its digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("tên", max_length=100, default="API")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self):
        return f"{self.user} – {self.name}"

    @classmethod
    def issue(cls, user: User, name: str = "API") -> tuple["ApiToken", str]:
        """Create a token and return it with its plain key, which is shown once and never stored."""
        key = secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, digest=_digest(key)), key

    @classmethod
    def user_for(cls, key: str) -> User | None:
        token = cls.objects.select_related("user").filter(digest=_digest(key), user__is_active=True).first()
        return token.user if token else None
