"""A trigger that refuses a cycle in the group tree, whoever writes.

Group.clean() and Group.save() refuse cycles for forms and code; this
trigger refuses them for everything else (raw SQL, bulk updates).  An
advisory lock serialises changes of parents, so that two transactions
cannot each add half of a cycle that neither sees alone.
"""

from django.db import migrations

__all__ = ["Migration"]

_CREATE = """
CREATE FUNCTION groups_refuse_cycle() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.parent_id IS NULL THEN
        RETURN NEW;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('groups_group.parent_id'));
    IF EXISTS (
        WITH RECURSIVE up(id, parent_id) AS (
            SELECT id, parent_id FROM groups_group WHERE id = NEW.parent_id
          UNION
            SELECT g.id, g.parent_id FROM groups_group g
              JOIN up ON g.id = up.parent_id
        )
        SELECT 1 FROM up WHERE id = NEW.id
    ) THEN
        RAISE EXCEPTION 'group % cannot lie below itself', NEW.name
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER groups_refuse_cycle
    BEFORE INSERT OR UPDATE OF parent_id ON groups_group
    FOR EACH ROW EXECUTE FUNCTION groups_refuse_cycle();
"""

_DROP = """
DROP TRIGGER IF EXISTS groups_refuse_cycle ON groups_group;
DROP FUNCTION IF EXISTS groups_refuse_cycle();
"""


class Migration(migrations.Migration):

    dependencies = [("groups", "0001_initial")]

    operations = [migrations.RunSQL(_CREATE, _DROP)]
