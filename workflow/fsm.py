"""django-fsm, as the type checker should see it; the one place its typing is patched.

django-fsm-2 decorates `ConcurrentTransitionMixin.__init__` with `typing.override`, imported from
`typing` (Python 3.12+): under Python 3.11 the type checker sees that constructor, and with it every
model built on the mixin, as `Any`. The runtime classes are django-fsm's own, unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django_fsm import ConcurrentTransition, FSMField, TransitionNotAllowed, transition

if TYPE_CHECKING:
    from django_fsm import ConcurrentTransitionMixin as _ConcurrentTransitionMixin

    class ConcurrentTransitionMixin(_ConcurrentTransitionMixin):
        def __init__(self, *args: Any, **kwargs: Any) -> None: ...

else:
    from django_fsm import ConcurrentTransitionMixin

__all__ = [
    "ConcurrentTransition",
    "ConcurrentTransitionMixin",
    "FSMField",
    "TransitionNotAllowed",
    "transition",
]
