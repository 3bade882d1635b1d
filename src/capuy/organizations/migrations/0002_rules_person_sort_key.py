"""Recompute every person's name sort key and search text with the Vietnamese dictionary order
(given name first, word by word, shorter word first, tone as a tie-breaker) and store names in NFC."""

from django.db import migrations


def recompute(apps, schema_editor):
    from capuy.core import vietnamese

    Person = apps.get_model("organizations", "Person")
    batch = []
    for person in Person.objects.only("pk", "full_name").iterator(chunk_size=2000):
        person.full_name = vietnamese.normalize_name(person.full_name)
        person.sort_key = vietnamese.name_sort_key(person.full_name)
        person.search_text = vietnamese.search_key(person.full_name)
        batch.append(person)
        if len(batch) >= 2000:
            Person.objects.bulk_update(batch, ["full_name", "sort_key", "search_text"])
            batch = []
    if batch:
        Person.objects.bulk_update(batch, ["full_name", "sort_key", "search_text"])


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]
    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
