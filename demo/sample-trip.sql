-- The demo database: the Tabi Script app's rows for the bundled sample trip,
-- Content/trips/autumn-on-foot-basque-country-to-picos/, as the app would hold them. Load it after
-- demo/app-schema.sql (scripts/demo-db does both). Extracting it into Content/ leaves that
-- folder's trip.json as it is, byte for byte (Tests/ExtractTests/DemoDataTests.swift checks it):
--   travels, profiles.display_name    the trip's own fields and author
--   latest updated_at of the trip, its destinations and its public posts
--                                     updatedAt and source.updatedAt
--   the text of every column extract reads
--                                     source.fingerprint (so editing any of them means rewriting
--                                     trip.json: extract it into Content/ and commit the result)
--   post_photos                       the photos under Content/media/: storage key, SHA-256, and
--                                     width and height as the file stores them (before its EXIF
--                                     rotation); byte_size, not read, is the file's size too
--   timestamptz values                instants in UTC
-- The slug is the one field not in the database: extract gives a new trip one from its title and
-- keeps it after a title edit. Into a Content/ holding the sample, the sample's slug stays; into
-- an empty one, the trip gets its current title's slug.
--
-- Rows that must never leave the database, so the demo shows what stays private:
--   * the destinations' notes (the traveller's jottings: a booking reference, what to pay);
--   * the photos' GPS positions (from their EXIF; one of them, 43.1858 -4.8921, is nowhere public);
--   * one private post of the sample trip, with a photo (its file is not shipped; the post was
--     edited after the trip's last change, and moves no date either, as it is never read);
--   * one private trip of the same traveller, with a destination, a post and a photo (the post
--     itself is marked public: a private trip keeps everything in it private).
-- Timestamps carry their offset, so the loading session's time zone does not matter.

BEGIN;

INSERT INTO profiles (id, username, display_name, bio, avatar_url, created_at, updated_at) VALUES
  ('4d6e8f10-2a3b-4c5d-8e9f-0a1b2c3d4e5f', 'maite.etx', 'Maite Etxeberria',
   'Walking the north of Spain one farmhouse at a time.', NULL,
   '2023-05-02 18:11:00+00', '2024-06-14 07:40:00+00');

-- The sample trip: everything below the trip row is public unless marked

INSERT INTO travels (id, user_id, title, description, start_date, end_date, status, visibility,
                     cover_photo_id, created_at, updated_at) VALUES
  ('7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10', '4d6e8f10-2a3b-4c5d-8e9f-0a1b2c3d4e5f',
   'Autumn on Foot: From the Basque Hills to the Picos de Europa',
   'A week of walking in northern Spain in October: beech forests under Aitzgorri, farmhouse stays, the limestone walls of the Picos de Europa, and the sea at the end of it.',
   '2024-10-12', '2024-10-18', 'completed', 'public',
   '2e4ca68f-1d17-46d6-bcc9-e1adaf915cf9', '2024-09-28 20:14:00+00', '2024-10-21 18:05:00+00');

INSERT INTO destinations (id, travel_id, name, country_code, latitude, longitude, arrival_date, departure_date, position, notes, created_at, updated_at) VALUES
  ('3b8e2f7a-1c4d-4e5f-8a6b-9c0d1e2f3a41', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10', 'Aizkorri-Aratz Natural Park', 'ES', 42.9512, -2.3446, '2024-10-12', '2024-10-14', 0,
   'Baserri Iturrioz in Zegama: cash only, 65 euros a night; the dogs are Txiki and Beltz.',
   '2024-09-28 20:20:00+00', '2024-10-09 20:31:00+00'),
  ('5d0a4b9c-3e6f-4a7b-9c8d-0e1f2a3b4c52', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10', 'Picos de Europa', 'ES', 43.2011, -4.8467, '2024-10-15', '2024-10-17', 1,
   'Guesthouse in Sotres, booking ref HX4471Q; the host wants a call the day before.',
   '2024-09-28 20:20:00+00', '2024-10-09 20:33:00+00'),
  ('7f2c6d1e-5a8b-4c9d-8e0f-1a2b3c4d5e63', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10', 'Santander', 'ES', 43.4623, -3.8099, '2024-10-18', '2024-10-18', 2,
   NULL,
   '2024-09-28 20:20:00+00', '2024-10-18 09:02:00+00');

INSERT INTO travel_posts (id, travel_id, destination_id, "timestamp", title, content, latitude, longitude, visibility, created_at, updated_at) VALUES
  ('a1d2c3b4-0001-4e5f-9a6b-7c8d9e0f1a01', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10', '3b8e2f7a-1c4d-4e5f-8a6b-9c0d1e2f3a41', '2024-10-12 16:40:00+00', 'Up onto the ridge',
   'We left Zegama at nine with the fog still sitting in the valley. The path climbs through **beech forest** the whole morning, then the trees stop all at once and the limestone ridge of Aitzgorri is right there above the pasture.

The last stretch to the summit is a scramble on polished rock. Worth every step: on a clear day you see the sea.',
   42.9512, -2.3446, 'public', '2024-10-12 16:40:00+00', '2024-10-12 16:40:00+00'),
  ('a1d2c3b4-0002-4e5f-9a6b-7c8d9e0f1a02', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10', '3b8e2f7a-1c4d-4e5f-8a6b-9c0d1e2f3a41', '2024-10-13 15:10:00+00', 'Water everywhere',
   'A rest day that turned into a walk anyway. Every stream on the north side was running after last week''s rain, and the moss on the rocks is the greenest thing I have ever seen.

- Picnic: bread, Idiazabal cheese, apples from the farm
- Distance: 11 km, most of it slow',
   NULL, NULL, 'public', '2024-10-13 15:10:00+00', '2024-10-19 08:12:00+00'),
  ('a1d2c3b4-0003-4e5f-9a6b-7c8d9e0f1a03', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10', '3b8e2f7a-1c4d-4e5f-8a6b-9c0d1e2f3a41', '2024-10-14 19:30:00+00', 'The farmhouse',
   'Our *baserri* for two nights came with two spaniels who inspected every arrival from the door and the window at the same time. Dinner was a fig from the garden tree, still warm, then far too much tortilla.',
   NULL, NULL, 'public', '2024-10-14 19:30:00+00', '2024-10-14 19:30:00+00'),
  ('a1d2c3b4-0004-4e5f-9a6b-7c8d9e0f1a04', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10', '5d0a4b9c-3e6f-4a7b-9c8d-0e1f2a3b4c52', '2024-10-15 20:15:00+00', 'Into the Picos',
   'Bus to Cangas, taxi to the trailhead, and then a path that just keeps going towards the peaks. The limestone here is grey and sharp, with snow already in the gullies.

Sunset from the plateau made up for the blisters.',
   43.2011, -4.8467, 'public', '2024-10-15 20:15:00+00', '2024-10-15 20:15:00+00'),
  ('a1d2c3b4-0005-4e5f-9a6b-7c8d9e0f1a05', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10', '5d0a4b9c-3e6f-4a7b-9c8d-0e1f2a3b4c52', '2024-10-16 21:00:00+00', 'Slow day, good company',
   'Rain in the morning, so we watched the birds from the guesthouse porch: a nuthatch working its way *down* a trunk, head first, the only bird that does that.

The evening belonged to the owner''s wine and someone''s drum.',
   NULL, NULL, 'public', '2024-10-16 21:00:00+00', '2024-10-16 21:07:00+00'),
  ('a1d2c3b4-0006-4e5f-9a6b-7c8d9e0f1a06', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10', '5d0a4b9c-3e6f-4a7b-9c8d-0e1f2a3b4c52', '2024-10-17 16:20:00+00', 'Hazel and dragonflies',
   'Last walk in the mountains, along the river through the hazel woods. A dragonfly sat on the same twig for the ten minutes it took me to get the photo right.',
   NULL, NULL, 'public', '2024-10-17 16:20:00+00', '2024-10-17 16:20:00+00'),
  ('a1d2c3b4-0007-4e5f-9a6b-7c8d9e0f1a07', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10', '7f2c6d1e-5a8b-4c9d-8e0f-1a2b3c4d5e63', '2024-10-18 17:45:00+00', 'To the sea',
   'The week ended on the coast: low tide, the bay empty for kilometres, and the long bridge humming in the wind. Train home tomorrow.',
   NULL, NULL, 'public', '2024-10-18 17:45:00+00', '2024-10-18 17:45:00+00');

INSERT INTO post_photos (id, post_id, travel_id, storage_key, content_type, width, height, byte_size, sha256, caption, taken_at, latitude, longitude, position, created_at) VALUES
  ('2e4ca68f-1d17-46d6-bcc9-e1adaf915cf9', 'a1d2c3b4-0001-4e5f-9a6b-7c8d9e0f1a01', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10',
   'travels/7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10/2e4ca68f-1d17-46d6-bcc9-e1adaf915cf9.jpg',
   'image/jpeg', 2400, 1598, 673656, '5a5df070c68d290ab53385a888acf1bc36507a370c398ba08f384555c1e8d87d',
   'The Aitzgorri ridge above the beech forest, late afternoon', '2024-10-12 16:12:00+00', 42.9512, -2.3446, 0, '2024-10-12 16:40:00+00'),
  ('80377c59-8ae7-444b-a410-202bbe28a8c5', 'a1d2c3b4-0002-4e5f-9a6b-7c8d9e0f1a02', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10',
   'travels/7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10/80377c59-8ae7-444b-a410-202bbe28a8c5.jpg',
   'image/jpeg', 2400, 1598, 1147067, '77d34f425a21d323355e72850001edf1a4ecdb7e418515547fc331af1db50f37',
   'A forest stream spilling over mossy limestone', '2024-10-13 11:02:00+00', NULL, NULL, 0, '2024-10-13 15:10:00+00'),
  ('af6435d2-e621-4ab9-ba80-49899460f6a5', 'a1d2c3b4-0002-4e5f-9a6b-7c8d9e0f1a02', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10',
   'travels/7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10/af6435d2-e621-4ab9-ba80-49899460f6a5.jpg',
   'image/jpeg', 2400, 1350, 343033, 'ee47d94eaa2d054f6568b76e1a6712ceb89e7e68d88789fcbbdeca26c5ebd7d4',
   'Dandelion clocks in the low evening sun', '2024-10-13 17:48:00+00', NULL, NULL, 1, '2024-10-13 15:10:00+00'),
  ('50554586-18f6-41ba-82fb-a81c6249cb26', 'a1d2c3b4-0003-4e5f-9a6b-7c8d9e0f1a03', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10',
   'travels/7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10/50554586-18f6-41ba-82fb-a81c6249cb26.jpg',
   'image/jpeg', 2400, 1598, 389706, '4b1177dc9939f316255f7fe0a4fd0d0ba5623772f275829e1a5f9a93ca5f94bc',
   'Two spaniels keeping watch from the farmhouse door and window', '2024-10-14 10:21:00+00', NULL, NULL, 0, '2024-10-14 19:30:00+00'),
  ('c7158afa-5cca-4c73-8fcd-41ccf93bd570', 'a1d2c3b4-0003-4e5f-9a6b-7c8d9e0f1a03', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10',
   'travels/7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10/c7158afa-5cca-4c73-8fcd-41ccf93bd570.jpg',
   'image/jpeg', 2400, 1624, 684532, '90d868ea5a73715c17699e70f22960abdf02c4f544a5b335aea594717ddf6440',
   'A fig from the garden, halved in a red bowl', '2024-10-14 18:55:00+00', NULL, NULL, 1, '2024-10-14 19:30:00+00'),
  ('057f34d8-8c01-424a-b5f1-73ff298c595f', 'a1d2c3b4-0004-4e5f-9a6b-7c8d9e0f1a04', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10',
   'travels/7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10/057f34d8-8c01-424a-b5f1-73ff298c595f.jpg',
   'image/jpeg', 2400, 1800, 1095576, '43e9fa605de394952764e4573cc794b9da9485242bbd221aa895a5f9ad8b824f',
   'The trail across the grass towards the jagged, snow-streaked peaks', '2024-10-15 12:34:00+00', 43.2011, -4.8467, 0, '2024-10-15 20:15:00+00'),
  ('b7e7105d-c6de-4452-8964-6629aa61a61a', 'a1d2c3b4-0004-4e5f-9a6b-7c8d9e0f1a04', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10',
   'travels/7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10/b7e7105d-c6de-4452-8964-6629aa61a61a.jpg',
   'image/jpeg', 2400, 1600, 410119, 'f61c38e384ec2e22734e8ef0a5921a4e2896abd0ff32fffebe983302729c4767',
   'Sunset over the plateau, ridge after hazy ridge', '2024-10-15 17:58:00+00', 43.1858, -4.8921, 1, '2024-10-15 20:15:00+00'),
  ('564b74dd-5b70-4546-81ec-bde02589970a', 'a1d2c3b4-0005-4e5f-9a6b-7c8d9e0f1a05', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10',
   'travels/7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10/564b74dd-5b70-4546-81ec-bde02589970a.jpg',
   'image/jpeg', 2400, 1350, 314544, 'cce93fac719ab557bf442a39289b6cde2342ca868611f67d42fc1406931ce4de',
   'A nuthatch climbing head-down on a tree trunk', '2024-10-16 09:40:00+00', NULL, NULL, 0, '2024-10-16 21:00:00+00'),
  ('b921b7e2-edf7-4969-bfc3-cb1b9154ea0c', 'a1d2c3b4-0005-4e5f-9a6b-7c8d9e0f1a05', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10',
   'travels/7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10/b921b7e2-edf7-4969-bfc3-cb1b9154ea0c.jpg',
   'image/jpeg', 1601, 2400, 373230, '2287916e7975ad4fed16dfa9c05d43a79d0c88ad83179a8444a0dd170311dd98',
   'Evening at the guesthouse: wine on a pallet table and a djembe', '2024-10-16 19:12:00+00', NULL, NULL, 1, '2024-10-16 21:00:00+00'),
  ('a7f1f7e3-d238-47a9-b4cf-cf6d0e7809bc', 'a1d2c3b4-0006-4e5f-9a6b-7c8d9e0f1a06', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10',
   'travels/7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10/a7f1f7e3-d238-47a9-b4cf-cf6d0e7809bc.jpg',
   'image/jpeg', 2400, 1800, 560887, 'c9977a5b21f80ce28edd2300a3139d56dabe7c149707087ec20f06e02aa700fe',
   'A dragonfly resting on a hazel twig against the blue sky', '2024-10-17 13:05:00+00', NULL, NULL, 0, '2024-10-17 16:20:00+00'),
  ('7800bb3b-5c76-443f-9771-eb4317fd8889', 'a1d2c3b4-0007-4e5f-9a6b-7c8d9e0f1a07', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10',
   'travels/7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10/7800bb3b-5c76-443f-9771-eb4317fd8889.jpg',
   'image/jpeg', 2400, 1350, 238193, '468979d27c201b7767660a9a1beac2e1cea5e151b9420c366ac1bca40621e926',
   'Bridge cables against the sky above the tidal flats', '2024-10-18 15:30:00+00', NULL, NULL, 0, '2024-10-18 17:45:00+00');

-- Private: a post of the sample trip only the traveller sees

INSERT INTO travel_posts (id, travel_id, destination_id, "timestamp", title, content, latitude, longitude, visibility, created_at, updated_at) VALUES
  ('e5b0c9d4-6a1f-4d2e-8b7c-3f9a0e1d2c84', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10', '5d0a4b9c-3e6f-4a7b-9c8d-0e1f2a3b4c52', '2024-10-17 21:40:00+00', 'Knee, note to self',
   'Left knee swollen again after the descent to Sotres. The pharmacy in Potes opens at 9:30: ask about a brace before the bus.',
   43.251873, -4.770214, 'private', '2024-10-17 21:40:00+00', '2024-10-23 07:15:00+00');

INSERT INTO post_photos (id, post_id, travel_id, storage_key, content_type, width, height, byte_size, sha256, caption, taken_at, latitude, longitude, position, created_at) VALUES
  ('9d3e7a21-4b6c-4f8e-a0d1-5c2b8e7f6a93', 'e5b0c9d4-6a1f-4d2e-8b7c-3f9a0e1d2c84', '7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10',
   'travels/7c1f6a52-3d4e-4b8a-9f21-5e0c8d2b9a10/9d3e7a21-4b6c-4f8e-a0d1-5c2b8e7f6a93.jpg',
   'image/jpeg', 3024, 4032, 2811904, 'b6f1c0e29a4d7358e1f2a9c4d6b8e0f3a5c7d9e1b3f5a7c9e2d4f6a8b0c2e4d6',
   'Ice pack and ibuprofen on the guesthouse bed', '2024-10-17 21:33:00+00', 43.251873, -4.770214, 0, '2024-10-17 21:40:00+00');

-- Private: another trip of the same traveller

INSERT INTO travels (id, user_id, title, description, start_date, end_date, status, visibility,
                     cover_photo_id, created_at, updated_at) VALUES
  ('f3a9d2e1-8b4c-4f6a-9e5d-2c1b0a9f8e73', '4d6e8f10-2a3b-4c5d-8e9f-0a1b2c3d4e5f',
   'Bilbao: Amaia''s fortieth',
   'A family weekend, not for the blog.',
   '2024-09-06', '2024-09-08', 'completed', 'private',
   '1c8b5e4f-7d2a-4a9c-b3e6-0f5d9c8a7b62', '2024-09-02 19:25:00+00', '2024-09-09 10:02:00+00');

INSERT INTO destinations (id, travel_id, name, country_code, latitude, longitude, arrival_date, departure_date, position, notes, created_at, updated_at) VALUES
  ('0b7d4c2e-9f1a-4e3b-8c5d-6a2f1e0d9c37', 'f3a9d2e1-8b4c-4f6a-9e5d-2c1b0a9f8e73', 'Bilbao', 'ES', 43.263, -2.935, '2024-09-06', '2024-09-08', 0,
   'Amaia''s flat, buzzer 3B; the spare key is with the neighbour.',
   '2024-09-02 19:25:00+00', '2024-09-02 19:25:00+00');

INSERT INTO travel_posts (id, travel_id, destination_id, "timestamp", title, content, latitude, longitude, visibility, created_at, updated_at) VALUES
  ('6e2a9b8c-1d4f-4c7e-9a3b-8f0e5d2c1b46', 'f3a9d2e1-8b4c-4f6a-9e5d-2c1b0a9f8e73', '0b7d4c2e-9f1a-4e3b-8c5d-6a2f1e0d9c37', '2024-09-07 22:10:00+00', 'Forty!',
   'Cake at the Ribera market, then pintxos in the Casco Viejo until the bars closed.',
   43.256214, -2.923871, 'public', '2024-09-07 22:10:00+00', '2024-09-07 22:10:00+00');

INSERT INTO post_photos (id, post_id, travel_id, storage_key, content_type, width, height, byte_size, sha256, caption, taken_at, latitude, longitude, position, created_at) VALUES
  ('1c8b5e4f-7d2a-4a9c-b3e6-0f5d9c8a7b62', '6e2a9b8c-1d4f-4c7e-9a3b-8f0e5d2c1b46', 'f3a9d2e1-8b4c-4f6a-9e5d-2c1b0a9f8e73',
   'travels/f3a9d2e1-8b4c-4f6a-9e5d-2c1b0a9f8e73/1c8b5e4f-7d2a-4a9c-b3e6-0f5d9c8a7b62.jpg',
   'image/jpeg', 4032, 3024, 3345120, '3e9a1c5f7b2d4e6a8c0f1b3d5e7a9c2e4f6b8d0a1c3e5f7a9b2d4c6e8f0a1b3c',
   'Amaia blowing out the candles', '2024-09-07 21:48:00+00', 43.256214, -2.923871, 0, '2024-09-07 22:10:00+00');

COMMIT;
