"""Logins, the roles granted on organizations, and API tokens.

A role granted on an organization covers its whole subtree. The rules for who may read and who may
change an organization's records live in ``capuy.accounts.permissions``.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone


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

    def save(self, *args, **kwargs):
        # ``set_password`` leaves the new raw password in ``_password`` until the save; a hash upgrade at
        # login clears it first, so only a real change (by the user, a reset or an administrator) counts.
        password_changed = self.pk is not None and self._password is not None
        super().save(*args, **kwargs)
        if password_changed:
            self.revoke_credentials()

    def revoke_credentials(self):
        """A new password ends every API token; other sessions end because their stored hash no longer matches
        (Django's session verification), and the one that changed it is kept by ``update_session_auth_hash``."""
        self.api_tokens.all().delete()


class Role(models.TextChoices):
    ADMIN = "admin", "Quản trị hệ thống"
    OFFICE = "office", "Văn phòng cấp ủy"
    COMMITTEE = "committee", "Cấp ủy viên"
    MEMBER = "member", "Đảng viên"


# Where accounts.permissions.grants keeps a user's grants for the request.
GRANTS_CACHE = "_capuy_grants"


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

    # The user object this grant was made or taken with must read its grants again.
    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self._forget_on_user()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self._forget_on_user()
        return result

    def _forget_on_user(self):
        if "user" in self._state.fields_cache:
            self.user.__dict__.pop(GRANTS_CACHE, None)


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def default_token_expiry():
    return timezone.now() + datetime.timedelta(days=settings.CAPUY_API_TOKEN_DEFAULT_DAYS)


class ApiToken(models.Model):
    """A bearer token for the REST API; only its digest is stored.

    Every token ends (``expires``, at most ``CAPUY_API_TOKEN_MAX_DAYS`` ahead), may be limited to reading,
    is listed with its last use on the user's page, and can be revoked there; a password change ends them all.
    """

    class Scope(models.TextChoices):
        READ = "read", "Chỉ đọc"
        WRITE = "write", "Đọc và ghi"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("tên", max_length=100, default="API")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    expires = models.DateTimeField("hết hạn", default=default_token_expiry)
    scope = models.CharField("quyền", max_length=10, choices=Scope.choices, default=Scope.WRITE)
    last_used = models.DateTimeField("dùng lần cuối", null=True, blank=True, editable=False)

    # Recording every request would turn each read into a write; a minute is precise enough for a list.
    LAST_USED_PRECISION = datetime.timedelta(minutes=1)

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"

    def __str__(self):
        return f"{self.user} – {self.name}"

    @property
    def is_read_only(self) -> bool:
        return self.scope == self.Scope.READ

    @property
    def is_expired(self) -> bool:
        return self.expires <= timezone.now()

    @classmethod
    def issue(cls, user: User, name: str = "API", days: int | None = None,
              scope: str = Scope.WRITE) -> tuple["ApiToken", str]:
        """Create a token and return it with its plain key, which is shown once and never stored.

        ``days`` defaults to ``CAPUY_API_TOKEN_DEFAULT_DAYS`` and may not pass ``CAPUY_API_TOKEN_MAX_DAYS``.
        """
        days = settings.CAPUY_API_TOKEN_DEFAULT_DAYS if days is None else days
        if not 1 <= days <= settings.CAPUY_API_TOKEN_MAX_DAYS:
            raise ValidationError({"days": f"Thời hạn phải từ 1 đến {settings.CAPUY_API_TOKEN_MAX_DAYS} ngày."})
        if scope not in cls.Scope.values:
            raise ValidationError({"scope": "Quyền của mã phải là “chỉ đọc” hoặc “đọc và ghi”."})
        key = secrets.token_urlsafe(32)
        expires = timezone.now() + datetime.timedelta(days=days)
        with transaction.atomic():
            token = cls.objects.create(user=user, name=name.strip()[:100] or "API", digest=_digest(key),
                                       expires=expires, scope=scope)
        return token, key

    @classmethod
    def find(cls, key: str) -> "ApiToken | None":
        """The live token for ``key`` (not expired, of an active user), its last use noted."""
        now = timezone.now()
        token = cls.objects.select_related("user").filter(
            digest=_digest(key), user__is_active=True, expires__gt=now).first()
        if token is not None and (token.last_used is None or now - token.last_used >= cls.LAST_USED_PRECISION):
            cls.objects.filter(pk=token.pk).update(last_used=now)
            token.last_used = now
        return token

    @classmethod
    def user_for(cls, key: str) -> User | None:
        token = cls.find(key)
        return token.user if token else None

    def revoke(self, by: User):
        """Only the token's owner revokes it here (administrators do it in /quan-tri/)."""
        if by.pk != self.user_id:
            raise PermissionDenied("Không phải mã truy cập của đồng chí.")
        self.delete()
