from django import forms
from django.core.exceptions import ValidationError

from capuy.portal import images
from capuy.portal.models import Article, Photo, Tag


class ArticleForm(forms.ModelForm):
    tags_text = forms.CharField(label="Thẻ", required=False, help_text="Cách nhau bằng dấu phẩy, ví dụ: Hội nghị, Tây Hồ")

    class Meta:
        model = Article
        fields = ["organization", "category", "title", "slug", "lead", "body", "byline", "published_at"]
        widgets = {
            "lead": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 18}),
            "published_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }
        help_texts = {
            "body": "Văn bản HTML: tiêu đề mục (h2, h3), đoạn văn (p), danh sách, liên kết, ảnh kèm chú thích "
                    "(figure). Mã lệnh (script) và thuộc tính nguy hiểm sẽ bị loại bỏ.",
            "published_at": "Để trống để lấy thời điểm duyệt đăng.",
        }

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        if self.instance.pk:
            self.fields["tags_text"].initial = ", ".join(t.name for t in self.instance.tags.all())

    def clean_title(self):
        title = " ".join(self.cleaned_data.get("title", "").split())
        if not title:
            raise ValidationError("Bài viết phải có tiêu đề.")
        return title

    def save(self, commit=True):
        article = super().save(commit=commit)
        if commit:
            article.set_tags(Tag.from_text(self.cleaned_data.get("tags_text", "")))
        return article


class PhotoForm(forms.ModelForm):
    image = forms.FileField(label="Tệp ảnh", help_text="JPEG, PNG, WebP hoặc GIF; ảnh được thu về cỡ dùng cho web.")

    class Meta:
        model = Photo
        fields = ["image", "caption", "alt_text", "credit", "order"]
        error_messages = {
            "caption": {"required": "Hãy nhập chú thích ảnh."},
            "alt_text": {"required": "Hãy nhập mô tả thay thế (alt) cho ảnh: người khiếm thị cần nó để biết ảnh có gì."},
        }

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        self._sizes = images.web_sizes(upload)
        return upload

    def save(self, article):
        large, thumb, stem, (width, height) = self._sizes
        photo = self.instance
        photo.article = article
        photo.image.save(f"{stem}.jpg", large, save=False)
        photo.thumbnail.save(f"{stem}-nho.jpg", thumb, save=False)
        photo.width, photo.height = width, height
        photo.save()
        return photo
