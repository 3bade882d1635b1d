"""Where mail goes when no mail server is configured.

Password-reset links are credentials: printing them to the console would put them in the server log that
operators, log collectors and backups read. Without ``EMAIL_HOST`` each message is written instead to its own
file in ``var/mail/`` readable by the owner only, and the log says only that a message was kept there.
"""

import logging
import os

from django.core.mail.backends.filebased import EmailBackend

logger = logging.getLogger("capuy.mail")


class KeptMailBackend(EmailBackend):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        os.chmod(self.file_path, 0o700)

    def open(self):
        if self.stream is None:
            name = self._get_filename()
            self.stream = os.fdopen(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "ab")
            return True
        return False

    def send_messages(self, email_messages):
        sent = super().send_messages(email_messages)
        if sent:
            # Recipients and subject only: the body may hold a password-reset link.
            logger.warning("Chưa cấu hình máy chủ thư: %d thư được lưu trong %s (chỉ quản trị viên máy chủ đọc được).",
                           sent, self.file_path)
        return sent
