-- Zalo: access tokens per Official Account, ZNS templates, OA followers, and the webhook events
-- already applied (replay protection for every provider's callbacks).

-- One row per OA. The refresh token is single-use: every refresh replaces the pair, and the new pair
-- is committed (one UPDATE) before the new access token is used anywhere.
CREATE TABLE delivery.zalo_oa_token (
  oa_id          text PRIMARY KEY,
  app_id         text NOT NULL,
  access_token   text,
  refresh_token  text NOT NULL,
  expires_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Which ZNS template carries which of our templates (notice template or message template key), per
-- OA, and how its parameters are filled: data_mapping maps a ZNS parameter name to one of our
-- parameter names (e.g. {"otp": "code"}); a value starting with '=' is a constant.
CREATE TABLE delivery.zalo_template (
  oa_id            text NOT NULL,
  template_key     text NOT NULL,
  zns_template_id  text NOT NULL,
  data_mapping     jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(data_mapping) = 'object'),
  PRIMARY KEY (oa_id, template_key)
);

-- A guardian who follows an OA, as the follow/unfollow webhooks report. guardian_id stays null until
-- linked: the link rule is an exact match of the phone the follower shared with the OA (E.164) with
-- directory.guardian.phone_e164 of exactly one guardian (README "Zalo").
CREATE TABLE delivery.zalo_follower (
  oa_id          text NOT NULL,
  zalo_user_id   text NOT NULL,
  guardian_id    bigint,
  phone_e164     text,
  followed_at    timestamptz,
  unfollowed_at  timestamptz,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (oa_id, zalo_user_id)
);
CREATE INDEX zalo_follower_guardian ON delivery.zalo_follower (guardian_id) WHERE guardian_id IS NOT NULL;
CREATE INDEX zalo_follower_phone ON delivery.zalo_follower (phone_e164) WHERE phone_e164 IS NOT NULL;

-- Webhook events applied once: (provider, event key) is unique, so a replayed event finds its key
-- and changes nothing. Old keys can be purged after the replay window.
CREATE TABLE delivery.webhook_seen (
  provider   text NOT NULL,
  event_key  text NOT NULL,
  seen_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, event_key)
);

-- ZNS refuses sends between 22:00 and 06:00 Vietnam time. A ZNS attempt coming due in that window
-- is scheduled for 06:00 (plus up to 10 minutes of jitter so the morning does not start with a
-- burst) before any worker claims it, whoever wrote the row (plans, retries, the reclaim).
CREATE FUNCTION delivery.zns_daytime() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  local_time timestamp := NEW.next_attempt_at AT TIME ZONE 'Asia/Ho_Chi_Minh';
BEGIN
  IF NEW.channel = 'zns' AND NEW.state = 'pending'
     AND (extract(hour FROM local_time) >= 22 OR extract(hour FROM local_time) < 6) THEN
    NEW.next_attempt_at := ((CASE WHEN extract(hour FROM local_time) >= 22
                                  THEN date_trunc('day', local_time) + interval '1 day'
                                  ELSE date_trunc('day', local_time) END + interval '6 hours')
                            AT TIME ZONE 'Asia/Ho_Chi_Minh')
                           + random() * interval '10 minutes';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER attempt_zns_daytime BEFORE INSERT OR UPDATE OF next_attempt_at, state ON delivery.attempt
  FOR EACH ROW EXECUTE FUNCTION delivery.zns_daytime();

-- Receipts: when the provider reported the message delivered to the device, and seen (Zalo).
ALTER TABLE delivery.attempt ADD COLUMN delivered_at timestamptz, ADD COLUMN read_at timestamptz;
CREATE INDEX attempt_provider_message ON delivery.attempt (provider, provider_message_id)
  WHERE provider_message_id IS NOT NULL;
