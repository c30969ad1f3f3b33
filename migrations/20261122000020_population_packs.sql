-- Where to aim the next recruitment drive (issue 7): the local SEND population, which the
-- reach-gap view compares with the membership. Published statistics, not personal data.

-- Children and young people with SEND by area, SEN2 primary need and age band, typed in by
-- an admin or imported from a CSV (for example the DfE "Special educational needs in
-- England" figures for the local authority, split by area with the council's help).
CREATE TABLE population_figures (
    area_id       TEXT NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    primary_need  TEXT NOT NULL CHECK (primary_need IN ('SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH',
                      'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH', 'NSA')),
    age_band      TEXT NOT NULL CHECK (age_band IN ('0-4', '5-10', '11-15', '16-19', '20-25')),
    children      INTEGER NOT NULL CHECK (children BETWEEN 0 AND 10000000),
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (area_id, primary_need, age_band)
) STRICT, WITHOUT ROWID;

-- Where the figures come from and the year they describe, shown beside every comparison.
ALTER TABLE forum ADD COLUMN population_year INTEGER
    CHECK (population_year BETWEEN 2000 AND 2100);
ALTER TABLE forum ADD COLUMN population_source TEXT NOT NULL DEFAULT '';
