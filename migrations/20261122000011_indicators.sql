-- The protocol's indicators (§6.10), reviewed every 3 months: each review records a status, a
-- comment and the activities or documents that evidence it. Some indicators also compute a
-- figure from the data (attendance at a body, membership growth), shown beside the judgement.

CREATE TABLE indicators (
    id           TEXT PRIMARY KEY NOT NULL,
    title        TEXT NOT NULL,
    -- What ForumDesk can work out for itself, if anything.
    computed     TEXT CHECK (computed IN ('body_attendance', 'membership_growth')),
    body_id      TEXT REFERENCES bodies (id),
    sort_order   INTEGER NOT NULL,
    archived_at  TEXT,
    created_at   TEXT NOT NULL,
    CHECK ((computed = 'body_attendance') = (body_id IS NOT NULL))
) STRICT;

INSERT INTO indicators (id, title, computed, body_id, sort_order, created_at) VALUES
    ('board_representation', 'Representation at SEND Partnership Board', 'body_attendance', 'send_partnership_board', 1, '2026-11-22T00:00:00Z'),
    ('executive_representation', 'Representation at SEND Executive Group', 'body_attendance', 'send_executive_group', 2, '2026-11-22T00:00:00Z'),
    ('operational_representation', 'Representation on the SEND Operational Group', 'body_attendance', 'send_operational_group', 3, '2026-11-22T00:00:00Z'),
    ('priority_group_representation', 'Representation on 5 Priority Groups', NULL, NULL, 4, '2026-11-22T00:00:00Z'),
    ('steering_group_monthly', 'Representation of Steering Group members to monthly meetings', NULL, NULL, 5, '2026-11-22T00:00:00Z'),
    ('membership_growth', 'Membership growth, supported by a membership recruitment plan', 'membership_growth', NULL, 6, '2026-11-22T00:00:00Z'),
    ('training_plan', 'Development of a Training Plan, with a training matrix', NULL, NULL, 7, '2026-11-22T00:00:00Z'),
    ('feedback_reports', 'Feedback reports provided to members and on the Facebook page', NULL, NULL, 8, '2026-11-22T00:00:00Z'),
    ('annual_report', 'Provision of an Annual Report to the SEND Partnership Board', NULL, NULL, 9, '2026-11-22T00:00:00Z'),
    ('development_plan', 'Development Plan and 3-month Action Plan reviewed with the Contact Regional Advisor', NULL, NULL, 10, '2026-11-22T00:00:00Z'),
    ('constitution_review', 'Review of the Constitution and Governance structure within 12 months', NULL, NULL, 11, '2026-11-22T00:00:00Z'),
    ('annual_meeting', 'Annual Meeting held within 12 months', NULL, NULL, 12, '2026-11-22T00:00:00Z'),
    ('officer_review', 'Review by the Steering Group of Chairs, Vice-chairs and senior positions', NULL, NULL, 13, '2026-11-22T00:00:00Z');

-- One review per indicator per quarter; `quarter_start` is the quarter's first day
-- (April, July, October or January: the grant's year runs April to March).
CREATE TABLE indicator_reviews (
    id             TEXT PRIMARY KEY NOT NULL,
    indicator_id   TEXT NOT NULL REFERENCES indicators (id),
    quarter_start  TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('met', 'partly', 'not_met', 'not_yet_due')),
    comment        TEXT,
    reviewed_by    TEXT REFERENCES users (id),
    reviewed_at    TEXT NOT NULL,
    UNIQUE (indicator_id, quarter_start)
) STRICT;

CREATE TABLE indicator_review_activities (
    review_id    TEXT NOT NULL REFERENCES indicator_reviews (id) ON DELETE CASCADE,
    activity_id  TEXT NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    PRIMARY KEY (review_id, activity_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE indicator_review_documents (
    review_id    TEXT NOT NULL REFERENCES indicator_reviews (id) ON DELETE CASCADE,
    document_id  TEXT NOT NULL REFERENCES activity_documents (id) ON DELETE CASCADE,
    PRIMARY KEY (review_id, document_id)
) STRICT, WITHOUT ROWID;
