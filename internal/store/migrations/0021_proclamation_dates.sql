-- The day a national jury's results are proclaimed (R10), when it is not the
-- jury's own day (NULL): configuration, never before the jury.
ALTER TABLE national_juries ADD COLUMN proclaim_on TEXT;
