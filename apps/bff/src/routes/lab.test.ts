import { LabStatus, LabUser, UserDetail } from '@hybrid-hub/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, expectProblem, getUser, problemFields, usersIn } from '../testing/api.ts';
import { startTestBff, type TestBff } from '../testing/test-bff.ts';

describe('the Lab, enabled (demo and tests)', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff();
  });
  afterAll(() => bff.destroy());

  it('says it is enabled', async () => {
    expect(LabStatus.parse(await bff.json('/api/v1/lab'))).toEqual({ enabled: true });
  });

  it('fixes a mailid mismatch on premises, after which Reactivate User succeeds', async () => {
    const [user] = await usersIn(bff, 'Error', { errorCode: 'MAIL_ID_MISMATCH' });
    const lab = LabUser.parse(await bff.json(`/api/v1/lab/users/${user!.id}`));
    expect(lab.email).toBe(user!.email);
    expect(lab.directoryEntries.length).toBeGreaterThan(0);
    expect(lab.directoryEntries[0]!.mailid.toLowerCase()).not.toBe(user!.email.toLowerCase());

    const response = await bff.send('PUT', `/api/v1/lab/users/${user!.id}`, {
      directory: { mailid: user!.email },
    });
    expect(response.status).toBe(200);
    const fixed = LabUser.parse(await response.json());
    expect(fixed.directoryEntries[0]!.mailid).toBe(user!.email);

    const reactivated = await bff.send('POST', `/api/v1/users/${user!.id}/reactivate`);
    expect(UserDetail.parse(await reactivated.json()).status).toBe('Pending');
    await eventually(bff, async () => expect((await getUser(bff, user!.id)).status).toBe('Active'));
  });

  it('rejects unknown fields and unknown users', async () => {
    const [user] = await usersIn(bff, 'Active');
    expect(
      await problemFields(
        await bff.send('PUT', `/api/v1/lab/users/${user!.id}`, {
          directory: { mailid: 5 },
          fly: true,
        }),
      ),
    ).toEqual(['body.directory.mailid', 'body.fly']);
    await expectProblem(await bff.get('/api/v1/lab/users/acme-u999999'), 404, 'not_found');
  });
});

describe('the Lab, off (HUB_LAB=false)', () => {
  let bff: TestBff;
  beforeAll(async () => {
    bff = await startTestBff({ HUB_LAB: 'false' });
  });
  afterAll(() => bff.destroy());

  it('says it is off, and its routes do not exist', async () => {
    expect(LabStatus.parse(await bff.json('/api/v1/lab'))).toEqual({ enabled: false });
    const [user] = await usersIn(bff, 'Error', { errorCode: 'MAIL_ID_MISMATCH' });
    await expectProblem(await bff.get(`/api/v1/lab/users/${user!.id}`), 404, 'not_found');
    // Not even validated: a bad body gets the same 404, and nothing changes.
    for (const body of [{ directory: { mailid: user!.email } }, { fly: true }]) {
      await expectProblem(
        await bff.send('PUT', `/api/v1/lab/users/${user!.id}`, body),
        404,
        'not_found',
      );
    }
    const reactivated = await bff.send('POST', `/api/v1/users/${user!.id}/reactivate`);
    expect(reactivated.status).toBe(200);
    await eventually(bff, async () => {
      const after = await getUser(bff, user!.id);
      expect(after.status).toBe('Error');
      expect(after.error?.code).toBe('MAIL_ID_MISMATCH');
    });
  });
});
