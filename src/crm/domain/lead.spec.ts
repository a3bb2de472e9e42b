import { deciderSpec, itRefuses } from '../../shared/domain/decider-spec';
import { CaptureLead, leadDecider } from './lead';
import { LeadCaptured, LeadConverted, LeadDisqualified, LeadQualified } from './lead.events';

const given = deciderSpec(leadDecider);
const leadId = '6f1a6f2e-0c4b-4a43-9f38-1d8f8e0c7c11';
const clientId = 'c0a2b3d4-1111-4a43-9f38-1d8f8e0c7c22';

const capture: CaptureLead = { type: 'CaptureLead', leadId, name: ' Ada Lovelace ', email: 'Ada@Example.COM', company: 'Analytical', phone: '', source: 'web' };
const captured: LeadCaptured = {
  type: 'LeadCaptured',
  data: { leadId, name: 'Ada Lovelace', email: 'ada@example.com', company: 'Analytical', phone: null, source: 'web' },
};
const qualified: LeadQualified = { type: 'LeadQualified', data: { leadId } };
const disqualified: LeadDisqualified = { type: 'LeadDisqualified', data: { leadId, reason: 'no budget' } };
const converted: LeadConverted = { type: 'LeadConverted', data: { leadId, clientId } };

describe('Lead', () => {
  describe('captureLead', () => {
    it('captures a new lead, trimming the name and normalising the email', () => given([]).when(capture).then([captured]));
    itRefuses(given([]).when, capture, [
      ['refuses an invalid email', { email: 'ada.example.com' }, 'INVALID_EMAIL'],
      ['refuses an email with spaces', { email: 'ada @example.com' }, 'INVALID_EMAIL'],
      ['refuses a blank name', { name: '   ' }, 'NAME_REQUIRED'],
    ]);
    it('refuses to capture the same lead twice', () => given([captured]).when(capture).thenThrows('LEAD_ALREADY_EXISTS'));
  });

  describe('qualifyLead', () => {
    it('qualifies a NEW lead', () => given([captured]).when({ type: 'QualifyLead', leadId }).then([qualified]));
    it('refuses a lead that does not exist', () => given([]).when({ type: 'QualifyLead', leadId }).thenThrows('NOT_FOUND'));
    it.each([
      ['QUALIFIED', [captured, qualified]],
      ['DISQUALIFIED', [captured, disqualified]],
      ['CONVERTED', [captured, qualified, converted]],
    ])('refuses a %s lead', (_status, history) => given(history).when({ type: 'QualifyLead', leadId }).thenThrows('LEAD_NOT_NEW'));
  });

  describe('disqualifyLead', () => {
    it('disqualifies a NEW lead with a reason', () => given([captured]).when({ type: 'DisqualifyLead', leadId, reason: ' no budget ' }).then([disqualified]));
    it('requires a reason', () => given([captured]).when({ type: 'DisqualifyLead', leadId, reason: ' ' }).thenThrows('REASON_REQUIRED'));
    it.each([
      ['QUALIFIED', [captured, qualified]],
      ['DISQUALIFIED', [captured, disqualified]],
    ])('refuses a %s lead', (_status, history) => given(history).when({ type: 'DisqualifyLead', leadId, reason: 'x' }).thenThrows('LEAD_NOT_NEW'));
  });

  describe('convertLead', () => {
    it('converts a QUALIFIED lead into a client', () => given([captured, qualified]).when({ type: 'ConvertLead', leadId, clientId }).then([converted]));
    it('refuses a NEW lead', () => given([captured]).when({ type: 'ConvertLead', leadId, clientId }).thenThrows('LEAD_NOT_QUALIFIED'));
    it('refuses a DISQUALIFIED lead', () => given([captured, disqualified]).when({ type: 'ConvertLead', leadId, clientId }).thenThrows('LEAD_NOT_QUALIFIED'));
    it('converts only once', () =>
      given([captured, qualified, converted]).when({ type: 'ConvertLead', leadId, clientId: leadId }).thenThrows('LEAD_ALREADY_CONVERTED'));
  });
});

describe('Lead owner', () => {
  const ownerId = '5a0f0e6c-8a8e-4c55-9d5a-0c3b1c1a0a01';
  const assign = { type: 'AssignLeadOwner' as const, leadId, ownerId, ownerIsTenantUser: true };
  it('assigns a user of the tenant as the owner', () =>
    given([captured])
      .when(assign)
      .then([{ type: 'LeadOwnerAssigned', data: { leadId, ownerId } }]));
  it('refuses a user of another tenant (or none)', () =>
    given([captured])
      .when({ ...assign, ownerIsTenantUser: false })
      .thenThrows('OWNER_NOT_IN_TENANT'));
  it('refuses an unknown lead', () => given([]).when(assign).thenThrows('NOT_FOUND'));
  it('records nothing when the owner is already that user', () =>
    given([captured, { type: 'LeadOwnerAssigned', data: { leadId, ownerId } }])
      .when(assign)
      .then([]));
});
