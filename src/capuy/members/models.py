"""Party members (đảng viên) and the status flags that change how votes are counted."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse


class PartyMember(models.Model):
    """The party record of a person: admission, official date, card and the statuses that matter.

    The home cell is the person's record organization (``person.organization``).
    """

    person = models.OneToOneField(
        "organizations.Person", on_delete=models.CASCADE, related_name="party_member", verbose_name="nhân sự"
    )
    card_number = models.CharField(
        "số thẻ đảng viên", max_length=20, unique=True, null=True, blank=True,
        error_messages={"unique": "Số thẻ đảng viên này đã được dùng cho một đảng viên khác."},
    )
    admission_date = models.DateField("ngày vào Đảng")
    official_date = models.DateField("ngày chính thức", null=True, blank=True)
    temporarily_transferred = models.BooleanField("sinh hoạt tạm thời nơi khác", default=False)
    exempt = models.BooleanField("miễn công tác và sinh hoạt đảng", default=False)
    suspended = models.BooleanField("đình chỉ sinh hoạt đảng", default=False)
    prosecuted = models.BooleanField("bị truy tố, tạm giam", default=False)

    class Meta:
        verbose_name = "đảng viên"
        verbose_name_plural = "đảng viên"

    def __str__(self):
        return str(self.person)

    def get_absolute_url(self):
        return reverse("organizations:person", args=[self.person_id])

    @property
    def is_official(self) -> bool:
        """Official (chính thức) once made official; probationary (dự bị) before."""
        return self.official_date is not None

    @property
    def standing_display(self) -> str:
        return "Chính thức" if self.is_official else "Dự bị"

    def save(self, *args, **kwargs):
        self.card_number = (self.card_number or "").strip() or None
        super().save(*args, **kwargs)

    def clean(self):
        if self.admission_date and self.official_date and self.official_date < self.admission_date:
            raise ValidationError({"official_date": "Ngày chính thức không được trước ngày vào Đảng."})
        if self.person_id and self.person.birth_date and self.admission_date and (
            self.admission_date <= self.person.birth_date
        ):
            raise ValidationError({"admission_date": "Ngày vào Đảng phải sau ngày sinh."})
