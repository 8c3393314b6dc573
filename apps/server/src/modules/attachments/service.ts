import { sql, type Kysely } from 'kysely';
import { fileTypeFromBuffer } from 'file-type';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { newId, sha256 } from '../../shared/ids.js';
import type { FileStorage } from './storage.js';
import type { StaffActor } from '../../shared/actor.js';
import { canSee } from '../tickets/policy.js';

/** Images, audio of calls, short videos and PDFs; the type is read from the bytes, not the name. */
const ALLOWED = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/heic',
  'application/pdf',
  'audio/mpeg',
  'audio/wav',
  'audio/x-wav',
  'audio/amr',
  'video/mp4',
  'video/quicktime',
]);

export function attachmentService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  storage: FileStorage;
  maxBytes: number;
}) {
  const { db, clock, storage, maxBytes } = deps;
  return {
    maxBytes,
    /** Stores an upload not yet tied to a ticket; creating the ticket claims it. */
    async upload(tenantId: string, userId: string | null, filename: string, data: Buffer) {
      if (data.length > maxBytes) throw new AppError('FILE_TOO_LARGE');
      const type = await fileTypeFromBuffer(data);
      if (!type || !ALLOWED.has(type.mime)) throw new AppError('FILE_TYPE_NOT_ALLOWED');
      const id = newId();
      const key = `${tenantId}/${id.slice(0, 2)}/${id}`;
      await storage.put(key, data);
      try {
        await db
          .insertInto('attachments')
          .values({
            id,
            tenant_id: tenantId,
            ticket_id: null,
            storage_key: key,
            filename: filename.slice(0, 200),
            mime: type.mime,
            size: data.length,
            sha256: sha256(data),
            uploaded_by: userId,
            created_at: clock.now(),
          })
          .execute();
      } catch (err) {
        await storage.remove(key); // no orphan file when the row was not written
        throw err;
      }
      return { id, filename, mime: type.mime, size: data.length, url: `/api/attachments/${id}` };
    },

    async read(actor: StaffActor, id: string) {
      const onVolunteerActivity = async (tenantId: string, attachmentId: string) =>
        (await db
          .selectFrom('volunteer_activities')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where(sql<boolean>`photo_ids @> ${JSON.stringify([attachmentId])}::jsonb`)
          .executeTakeFirst()) !== undefined;
      const a = await db
        .selectFrom('attachments as a')
        .leftJoin('tickets as t', 't.id', 'a.ticket_id')
        .select([
          'a.storage_key',
          'a.mime',
          'a.filename',
          't.state',
          't.lead_unit_id',
          't.holder_unit_id',
          't.subject_unit_id',
          't.confidential',
          'a.uploaded_by',
        ])
        .where('a.tenant_id', '=', actor.tenantId)
        .where('a.id', '=', id)
        .executeTakeFirst();
      if (!a) throw new AppError('NOT_FOUND');
      // A ticket's attachment: whoever sees the ticket. Else the uploader, and every staff
      // member once it is a photo of a volunteer activity (teams are open to all staff).
      const visible = a.state
        ? canSee(actor, { lead_unit_id: a.lead_unit_id, holder_unit_id: a.holder_unit_id })
        : a.uploaded_by === actor.userId || (await onVolunteerActivity(actor.tenantId, id));
      if (!visible) throw new AppError('NOT_FOUND');
      return { data: await storage.get(a.storage_key), mime: a.mime, filename: a.filename };
    },
  };
}
export type AttachmentService = ReturnType<typeof attachmentService>;
