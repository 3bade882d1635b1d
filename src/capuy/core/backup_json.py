"""Django's JSON serialization with full-precision times, for backups.

Django's own JSON encoder cuts microseconds to milliseconds (ECMA-262 style), so a restored row would differ
from the original; here times keep every digit. Reading is Django's own (``to_python`` accepts both).
"""

import datetime

from django.core.serializers.json import (
    Deserializer,  # noqa: F401 – the module must offer both
    DjangoJSONEncoder,
)
from django.core.serializers.json import Serializer as JsonSerializer


class ExactEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(JsonSerializer):
    def _init_options(self):
        super()._init_options()
        self.json_kwargs["cls"] = ExactEncoder
