"""What a link keeps: `codec` turns settings into short query values and back (never raising), `schemas` says what
each page keeps in its link."""

from convcore.links.schemas import *  # noqa: F401,F403 (the pages' schemas: `links.explore_schema()`)
