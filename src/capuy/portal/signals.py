"""Any change to what public pages show drops the page cache (a new cache generation)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from capuy.portal import pagecache
from capuy.portal.models import Article, Category, Photo, Tag


@receiver(post_save, sender=Article)
@receiver(post_delete, sender=Article)
@receiver(post_save, sender=Photo)
@receiver(post_delete, sender=Photo)
@receiver(post_save, sender=Category)
@receiver(post_delete, sender=Category)
@receiver(post_save, sender=Tag)
@receiver(post_delete, sender=Tag)
@receiver(m2m_changed, sender=Article.tags.through)
def drop_public_pages(sender, **kwargs):
    pagecache.invalidate()
