from django.core.management.base import BaseCommand

from jaga.core.demo import DEMO_NOTES, DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Muat data DEMO berlabel (wilayah Balikpapan, RT, organisasi, satu akun per peran)."

    def handle(self, *args, **options):
        logins = demo_load()
        self.stdout.write("")
        self.stdout.write(f"Akun DEMO (kata sandi semua: {DEMO_PASSWORD})")
        width = max(len(login.username) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.username.ljust(width)}  {login.role} — {login.where}")
        for note in DEMO_NOTES:
            self.stdout.write(note)
        self.stdout.write("")
