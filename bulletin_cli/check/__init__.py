"""``check``: the editor's checklist. The rule table, the engine, the fixes and the findings."""
