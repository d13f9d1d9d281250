-- Rule 6 (networks do not speak for the areas) as the networks events carry
-- it (Network.disclaimer): messages take the note from the network they are
-- about instead of from a copy in this service's code.
ALTER TABLE networks ADD COLUMN disclaimer_fi TEXT NOT NULL DEFAULT '';
ALTER TABLE networks ADD COLUMN disclaimer_sv TEXT NOT NULL DEFAULT '';
ALTER TABLE networks ADD COLUMN disclaimer_en TEXT NOT NULL DEFAULT '';

-- Networks stored before this step: the note as the networks service worded
-- it when the step was written; their next event brings its current wording.
UPDATE networks SET
  disclaimer_fi = 'Verkoston näkemykset ja tuotokset eivät ole työllisyysalueiden virallisia kannanottoja eivätkä sido työllisyysalueita. Kukin työllisyysalue päättää kannoistaan itsenäisesti.',
  disclaimer_sv = 'Nätverkets synpunkter och material är inte sysselsättningsområdenas officiella ståndpunkter och binder inte sysselsättningsområdena. Varje sysselsättningsområde beslutar självständigt om sina ståndpunkter.',
  disclaimer_en = 'The views and output of this network are not official positions of the employment areas and do not bind them. Each employment area decides its positions independently.';
