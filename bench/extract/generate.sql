-- The benchmark data set: :trips public or unlisted trips (2,000 for the issue's figures) × 50 public
-- posts × :photos photos (2 unless set), each trip with 5 destinations; plus what extract must leave behind (2 private
-- posts with photos per trip, 100 private trips). Deterministic: ids are md5s of counters, so every
-- run makes the same rows. Posts spread over 2023-2027: every year partition and the default hold rows.
-- Run as: psql -v trips=2000 -f generate.sql (and -v photos=0 for posts without photos; 2 by default)
\if :{?photos}
\else
  \set photos 2
\endif
INSERT INTO profiles (id, username, display_name, created_at, updated_at)
SELECT md5('profile-' || i)::uuid, 'traveller' || i,
       CASE WHEN i % 5 = 0 THEN NULL ELSE 'Traveller ' || i END,
       timestamptz '2023-01-01' + i * interval '1 hour', timestamptz '2024-01-01'
FROM generate_series(1, 200) AS i;

INSERT INTO travels (id, user_id, title, description, start_date, end_date, status, visibility,
                     cover_photo_id, created_at, updated_at)
SELECT md5('travel-' || i)::uuid, md5('profile-' || (i % 200 + 1))::uuid,
       (ARRAY['Autumn in Kyoto', 'Two weeks in Hokkaidō', 'Lisbon by tram', 'Москва зимой', 'Cape Town'])[i % 5 + 1]
         || ' ' || (i / 5),
       'A trip of many days and ' || i || ' small discoveries.',
       date '2023-01-01' + (i % 1400), date '2023-01-01' + (i % 1400) + 14,
       'completed', CASE WHEN i > :trips THEN 'private' WHEN i % 4 = 0 THEN 'unlisted' ELSE 'public' END,
       md5('photo-' || i || '-1-1')::uuid,
       timestamptz '2023-01-01' + i * interval '1 minute', timestamptz '2025-06-01' + i * interval '1 second'
FROM generate_series(1, :trips + 100) AS i;

INSERT INTO destinations (id, travel_id, name, country_code, latitude, longitude, arrival_date,
                          departure_date, position, notes)
SELECT md5('destination-' || i || '-' || d)::uuid, md5('travel-' || i)::uuid, 'Stop ' || d || ' of trip ' || i,
       (ARRAY['JP', 'PT', 'RU', 'ZA', 'FR'])[d], 35.0 + d * 0.123 + i * 0.0001, 135.0 - d * 0.321,
       date '2023-01-01' + (i % 1400) + d, date '2023-01-01' + (i % 1400) + d + 1, d, 'private notes'
FROM generate_series(1, :trips + 100) AS i, generate_series(1, 5) AS d;

INSERT INTO travel_posts (id, travel_id, destination_id, "timestamp", title, content, latitude, longitude,
                          visibility, updated_at)
SELECT md5('post-' || i || '-' || p)::uuid, md5('travel-' || i)::uuid, md5('destination-' || i || '-' || (p % 5 + 1))::uuid,
       timestamptz '2023-01-01' + (i % 1400) * interval '1 day' + p * interval '7 hours',
       'Day ' || p || ': notes from the road',
       '## Morning' || E'\n\n' || repeat('We walked along the river and found a small café that served tea. ', 6)
         || E'\n\n' || '**Afternoon:** the market, then the temple on the hill (' || i || '/' || p || ').',
       35.0 + p * 0.001, 135.0 + p * 0.001, CASE WHEN p > 50 THEN 'private' ELSE 'public' END,
       timestamptz '2025-06-01' + (i * 100 + p) * interval '1 second'
FROM generate_series(1, :trips + 100) AS i, generate_series(1, 52) AS p;

INSERT INTO post_photos (id, post_id, travel_id, storage_key, content_type, width, height, byte_size, sha256,
                         caption, taken_at, latitude, longitude, position)
SELECT md5('photo-' || i || '-' || p || '-' || k)::uuid, md5('post-' || i || '-' || p)::uuid, md5('travel-' || i)::uuid,
       'trips/' || md5('travel-' || i)::uuid || '/' || md5('photo-' || i || '-' || p || '-' || k)::uuid || '.jpg',
       'image/jpeg', 4032, 3024, 2500000, encode(sha256(('photo-' || i || '-' || p || '-' || k)::bytea), 'hex'),
       'Photo ' || k || ' of day ' || p, timestamptz '2023-01-01' + (i % 1400) * interval '1 day' + p * interval '7 hours',
       35.0, 135.0, k
FROM generate_series(1, :trips + 100) AS i, generate_series(1, 52) AS p, generate_series(1, :photos) AS k;

ANALYZE;
