// The demo district's households and residents (invented): every grid gets
// 20–30 households at made-up addresses (a compound's buildings in a community,
// a village's groups elsewhere) with 1–4 members each, some tagged with kinds —
// elderly living alone with their medicine, left-behind children, disabled and
// low-income residents — and ID numbers under a fictional area code, valid
// checksums, stored encrypted like real ones. Deterministic: its own stream of
// the seeded generator. Also seeds the district's default resident kinds.
import type { Insertable, Kysely } from 'kysely';
import type { DB, ResidentTable } from '../../db/schema.js';
import { loadConfig } from '../../config.js';
import { newId } from '../../shared/ids.js';
import { fieldCipher } from '../residents/crypto.js';
import { idCheckChar, maskIdNumber } from '../residents/idnumber.js';
import { defaultKindRows, insertJsonRows } from '../residents/repository.js';
import type { DemoOrg } from './content/index.js';
import { Random } from './content/prng.js';
import { mobilePhone, personName } from './content/names.js';
import { insertChunks } from './stories.js';

export interface ResidentsDemoContext {
  tenantId: string;
  org: DemoOrg;
  now: Date;
  jurisdictionIds: Map<string, { id: string; path: string }>;
  /** The ID-number secret; defaults to the configured one (RESIDENT_DATA_KEY or the dev key). */
  secret?: string;
}

const COMPOUNDS = ['锦绣', '和平', '康乐', '青松', '丰泽', '福润', '怡和', '安居'];
const CARE = [
  '定期服药',
  '行动不便,需上门探访',
  '每周测量血压',
  '需助餐服务',
  '听力不好,请敲门大声',
];

/** Seeds kinds, households and residents; returns how many residents. */
export async function seedResidents(db: Kysely<DB>, ctx: ResidentsDemoContext): Promise<number> {
  const rng = new Random(20261121, 'residents');
  const cipher = fieldCipher(ctx.secret ?? loadConfig().residentDataKey);
  const { tenantId, now, org } = ctx;
  await insertChunks(db, 'resident_kinds', defaultKindRows(tenantId));
  const year = now.getUTCFullYear();

  const households: Insertable<DB['households']>[] = [];
  const residents: Insertable<ResidentTable>[] = [];
  const byCode = new Map(org.jurisdictions.map((j) => [j.code, j]));
  let seq = 0;
  // Addresses are unique within a village, across its grids.
  const usedByVillage = new Map<string, Set<string>>();
  for (const g of org.jurisdictions.filter((j) => j.level === 'grid')) {
    const gridId = ctx.jurisdictionIds.get(g.code)?.id;
    const village = g.parentCode ? byCode.get(g.parentCode) : undefined;
    if (!gridId || !village) continue;
    const community = village.kind === 'community';
    const compound = `${rng.pick(COMPOUNDS)}${community ? '小区' : ''}`;
    const n = rng.int(20, 30);
    const used = usedByVillage.get(village.code) ?? new Set<string>();
    usedByVillage.set(village.code, used);
    for (let i = 0; i < n; i++) {
      let address: string;
      do {
        address = community
          ? `${village.name}${compound}${rng.int(1, 12)}号楼${rng.int(1, 4)}单元${rng.int(1, 6)}0${rng.int(1, 4)}`
          : `${village.name}${rng.int(1, 8)}组${rng.int(1, 60)}号`;
      } while (used.has(address));
      used.add(address);
      const hid = newId();
      households.push({
        id: hid,
        tenant_id: tenantId,
        grid_id: gridId,
        address,
        note: null,
        created_at: now,
        updated_at: now,
      });
      const shape = rng.int(1, 10);
      // 1 in 5 an old person alone; else a couple with children, sometimes grandparents.
      const members: Array<{ age: number; relation: string; kinds: string[] }> = [];
      if (shape <= 2) {
        members.push({
          age: rng.int(70, 92),
          relation: '户主',
          kinds: ['registered', 'elderly_alone'],
        });
      } else {
        const a = rng.int(30, 62);
        members.push({ age: a, relation: '户主', kinds: ['registered'] });
        if (rng.chance(0.8))
          members.push({ age: a + rng.int(-4, 4), relation: '配偶', kinds: ['registered'] });
        if (rng.chance(0.6))
          members.push({ age: rng.int(3, 17), relation: '子女', kinds: ['registered'] });
        if (shape === 10)
          members.push({ age: rng.int(68, 88), relation: '父母', kinds: ['registered'] });
        if (rng.chance(0.12)) members[0]!.kinds = ['floating'];
      }
      for (const m of members) {
        if (m.age >= 60 && m.relation !== '户主' && rng.chance(0.1)) m.kinds.push('disabled');
        if (rng.chance(0.05)) m.kinds.push('low_income');
        if (m.age < 18 && !community && rng.chance(0.25)) m.kinds.push('left_behind_child');
        if (m.age >= 22 && m.age <= 60 && rng.chance(0.04)) m.kinds.push('veteran');
        const gender = rng.chance(0.5) ? 'male' : 'female';
        const { name } = personName(rng, gender);
        const birth = `${year - m.age}${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(1, 28)).padStart(2, '0')}`;
        const seqDigits = String(seq++ % 500)
          .padStart(2, '0')
          .slice(-2);
        const seventeen = `139901${birth}${seqDigits}${gender === 'male' ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8])}`;
        const id = seventeen + idCheckChar(seventeen);
        const care =
          m.kinds.includes('elderly_alone') || m.kinds.includes('disabled') ? rng.pick(CARE) : null;
        residents.push({
          id: newId(),
          tenant_id: tenantId,
          household_id: hid,
          name,
          gender,
          birth_date: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
          relation: m.relation,
          phone: m.age >= 16 ? mobilePhone(rng) : null,
          id_number_cipher: cipher.encrypt(id),
          id_number_hash: cipher.hash(id),
          id_number_masked: maskIdNumber(id),
          kinds: m.kinds,
          care_needs: care,
          note: null,
          created_at: now,
          updated_at: now,
        });
      }
    }
  }
  // The same ID number drawn twice would trip the unique index: keep the first.
  const seen = new Set<string>();
  const unique = residents.filter(
    (r) => !seen.has(r.id_number_hash!) && seen.add(r.id_number_hash!),
  );
  await insertJsonRows(db, 'households', households);
  await insertJsonRows(db, 'residents', unique);
  return unique.length;
}
