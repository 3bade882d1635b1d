"""The document library: what a user may see, with filters and full-text search."""

from django.db.models import F

from capuy.accounts import permissions
from capuy.documents.models import Document
from capuy.documents.search import search_documents


def visible_documents(user):
    """Documents ``user`` may see (``DocumentQuerySet.visible_to`` states the rule)."""
    return Document.objects.visible_to(user).select_related("doc_type", "organization", "signer")


def find(user, q: str = "", symbol: str = "", organization_id: int | None = None, year: int | None = None,
         term_id: int | None = None, status: str = ""):
    """The library list: visible documents filtered by type symbol, issuer (and its subtree), year, term,
    status, and words of ``q`` (diacritics and case ignored); drafts first, then newest first."""
    documents = visible_documents(user)
    if symbol:
        documents = documents.filter(doc_type__symbol=symbol)
    if organization_id:
        documents = documents.filter(organization_id=organization_id)
    if year:
        documents = documents.filter(issued_on__year=year)
    if term_id:
        documents = documents.filter(term_id=term_id)
    if status in Document.Status.values:
        documents = documents.filter(status=status)
    documents = documents.defer("content", "search_text", "recipients")  # a list needs the heading only
    return search_documents(documents, q).order_by(F("issued_on").desc(nulls_first=True), "-pk")


def possible_signers(user):
    """Who may sign the documents ``user`` drafts: people sitting on a body of an organization they manage
    (secretaries and deputies sign for the body)."""
    from capuy.organizations.models import Person

    managed = permissions.readable_organizations(user, roles=permissions.MANAGE_ROLES)
    return Person.objects.filter(body_memberships__body__organization__in=managed).distinct()


def possible_bodies(user):
    from capuy.organizations.models import Body

    return Body.objects.filter(organization__in=permissions.readable_organizations(user, roles=permissions.MANAGE_ROLES))
