-- A patient's chart as one JSON document, in one row (NULL when there is
-- no such patient). Bound values: the patient, then at most how many notes,
-- active treatment plans and upcoming appointments (crates/clinics/src/chart).
SELECT (
    SELECT json_build_object(
        'patient', p,
        'notes', (
            SELECT coalesce(json_agg(json_build_object(
                    'note', n,
                    'amendments', coalesce(am.list, '[]'))
                ORDER BY n.created_at DESC, n.id DESC), '[]')
            FROM (SELECT * FROM clinical_notes
                  WHERE patient_id = p.id
                  ORDER BY created_at DESC, id DESC
                  LIMIT $2) n
            LEFT JOIN (
                -- The page's notes again, from the index alone.
                SELECT a.note_id, json_agg(a ORDER BY a.created_at, a.id) AS list
                FROM clinical_note_amendments a
                WHERE a.note_id = ANY (ARRAY(
                    SELECT id FROM clinical_notes
                    WHERE patient_id = p.id
                    ORDER BY created_at DESC, id DESC
                    LIMIT $2))
                GROUP BY a.note_id) am ON am.note_id = n.id),
        'plans', (
            SELECT coalesce(json_agg(json_build_object(
                    'plan', t,
                    -- Completed appointments from the plan's first day
                    -- (midnight in the site's time zone) until it was
                    -- completed, as plans::repo counts them.
                    'sessions_attended', (
                        SELECT count(*) FROM bookings b
                        WHERE b.patient_id = t.patient_id
                          AND b.status = 'completed'
                          AND b.starts_at >= (t.starts_on::timestamp AT TIME ZONE zone.name)
                          AND (t.completed_at IS NULL OR b.starts_at < t.completed_at)))
                ORDER BY t.created_at DESC, t.id DESC), '[]')
            FROM (SELECT * FROM treatment_plans
                  WHERE patient_id = p.id AND status = 'active'
                  ORDER BY created_at DESC, id DESC
                  LIMIT $3) t),
        'upcoming', (
            SELECT coalesce(json_agg(u ORDER BY u.start, u.id), '[]')
            FROM (SELECT b.id, b.service_id, s.name AS service, b.staff_id,
                         st.name AS staff, b.starts_at AS start, b.ends_at AS "end",
                         b.status, b.notes, b.created_at
                  FROM bookings b
                  JOIN services s ON s.id = b.service_id
                  JOIN staff st ON st.id = b.staff_id
                  WHERE b.patient_id = p.id AND b.ends_at > now()
                    AND b.status IN ('pending', 'confirmed', 'arrived')
                  ORDER BY b.starts_at, b.id
                  LIMIT $4) u),
        'attendance', (
            SELECT json_build_object(
                'attended', count(*) FILTER (WHERE status IN ('arrived', 'completed')),
                'no_shows', count(*) FILTER (WHERE status = 'no_show'))
            FROM bookings
            WHERE patient_id = p.id)
    )::text
    FROM patients p
    CROSS JOIN LATERAL (
        SELECT coalesce((SELECT time_zone FROM booking_settings LIMIT 1), 'UTC') AS name
    ) zone
    WHERE p.id = $1
) AS chart
