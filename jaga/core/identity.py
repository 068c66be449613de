"""Blind indexes of a victim's identity: the keys by which reports and case files find the
same person again without decrypting anyone."""

import datetime

from jaga.core.crypto import blind_index

NIK_PURPOSE = "victim.nik"
NAME_BIRTH_PURPOSE = "victim.name_birth"


def identity_indexes(*, name: str, nik: str, birth_date: datetime.date | None) -> tuple[str, str]:
    """Blind indexes of a victim's NIK and of name + birth date: the keys duplicates are found
    by, shared by reports and case files."""
    nik_index = blind_index(nik, NIK_PURPOSE) if nik else ""
    name_birth = (
        blind_index(f"{name}|{birth_date.isoformat()}", NAME_BIRTH_PURPOSE)
        if name and birth_date
        else ""
    )
    return nik_index, name_birth
