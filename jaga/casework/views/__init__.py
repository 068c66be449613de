"""Case-management pages, one module per subject. Each finds its case through the selectors
(404 outside the person's reach), checks the rule of the change (403), calls one service and
returns to its page, or shows the form again with what is wrong (400)."""
