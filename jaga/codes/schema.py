"""Code lists as enums for the API's schemas. Codes come only from the reference files (never
typed in by a user), so an enum read from the same files says exactly what the services'
``codes_resolve`` accepts."""

from enum import StrEnum
from typing import TYPE_CHECKING

from jaga.codes.models import CodeList
from jaga.codes.services import reference_codes


def code_enum(name: str, code_list: str) -> type[StrEnum]:
    """The codes of ``code_list``, in reference order, as an enum named ``name`` (its name in
    the OpenAPI schema). Members are strings, so services get the code itself."""
    codes = [row["code"] for row in reference_codes() if row["list"] == code_list]
    return StrEnum(name, {code: code for code in codes})  # type: ignore[return-value]


# One enum per list, made once: the schema names each of them once. To the type checker a
# code is the string it is at run time (an enum built from data is no static type).
if TYPE_CHECKING:
    ViolenceForm = str
    PlaceCode = str
    SexCode = str
    EducationTopic = str
else:
    ViolenceForm = code_enum("ViolenceForm", CodeList.VIOLENCE_FORM)
    PlaceCode = code_enum("PlaceCode", CodeList.PLACE)
    SexCode = code_enum("SexCode", CodeList.SEX)
    EducationTopic = code_enum("EducationTopic", CodeList.EDUCATION_TOPIC)
