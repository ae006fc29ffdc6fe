import { getCollectionProps } from '@conform-to/react';

import { EntryForm, useEntryForm } from '../../core/ui/entry-form';
import { FieldErrors, SelectField } from '../../core/ui/form-field';
import { useClientModule } from '../../core/ui/use-client-module';
import { useTranslation } from '../../core/i18n/hooks';
import { LOCATION_KINDS } from '../../../db/vocabulary';
import { addLocationSchema } from './project-link-forms';
import { type AddFormProps, type LinkSectionProps, useNames } from './links-common';
import { LinkItem, LinkSection } from './links-section';

/** Where the project works (places, provinces, nation-wide), each with a remove button, then the add form. */
export function LocationLinks({ links, done, formKey, ...form }: LinkSectionProps) {
  const { t } = useTranslation();
  const names = useNames();
  return (
    <LinkSection
      id="locations"
      title={t('project.locations')}
      done={done}
      empty={t('linksForm.noLocations')}
      form={<AddLocationForm key={formKey} links={links} {...form} />}
    >
      {links.locations.map((l) => {
        const name =
          l.kind === 'place'
            ? names.place(l.placeNameEn ?? '', l.placeNameZh)
            : l.kind === 'province'
              ? names.province({
                  nameEn: l.provinceNameEn ?? '',
                  nameZh: l.provinceNameZh ?? '',
                })
              : names.country(l.countryCode ?? '');
        return (
          <LinkItem
            key={l.id}
            remove={{ intent: 'remove-location', values: { location: String(l.id) }, what: name }}
          >
            {l.kind === 'place'
              ? t('project.place')
              : l.kind === 'province'
                ? t('project.province')
                : t('project.nationWide')}
            : {name}
            {l.kind === 'place' && l.provinceNameEn ? (
              <span className="muted">
                {' '}
                (
                {names.province({
                  nameEn: l.provinceNameEn,
                  nameZh: l.provinceNameZh ?? '',
                })}
                )
              </span>
            ) : null}
            {l.kind === 'place' && (l.lat === null || l.lon === null) ? (
              <span className="muted"> · {t('project.noCoordinates')}</span>
            ) : null}
          </LinkItem>
        );
      })}
    </LinkSection>
  );
}

function AddLocationForm({
  choices,
  keys,
  links,
  lastResult,
}: AddFormProps & Pick<LinkSectionProps, 'links'>) {
  const { t } = useTranslation();
  const names = useNames();
  const [form, fields] = useEntryForm(addLocationSchema(keys), {
    id: 'add-location',
    lastResult,
    defaultValue: { country: keys.countries.includes('CN') ? 'CN' : undefined },
  });
  const Picker = useClientModule(() => import('../locator/place-picker.client'))?.PlacePicker;
  const provinceNames = new Map(choices.provinces.map((p) => [p.code, names.province(p)]));
  const linkedPlaces = new Set(links.locations.flatMap((l) => (l.placeSlug ? [l.placeSlug] : [])));
  const mapped = choices.places.flatMap((p) =>
    p.lat !== null && p.lon !== null
      ? [
          {
            slug: p.slug,
            name: names.place(p.nameEn, p.nameZh),
            lat: p.lat,
            lon: p.lon,
            isLinked: linkedPlaces.has(p.slug),
          },
        ]
      : [],
  );
  const linkedProvinces = links.locations.flatMap((l) =>
    l.kind === 'province' && l.provinceCode ? [l.provinceCode] : [],
  );
  /** Choosing a place, province or country also chooses its kind (with JavaScript). */
  const chooseKind = (kind: (typeof LOCATION_KINDS)[number]) =>
    form.update({ name: fields.kind.name, value: kind });
  const pickPlace = (slug: string) => {
    form.update({ name: fields.place.name, value: slug });
    chooseKind('place');
  };
  const kindLabel = {
    place: t('linksForm.kindPlace'),
    province: t('linksForm.kindProvince'),
    country: t('linksForm.kindCountry'),
  };

  return (
    <EntryForm
      form={form}
      legend={t('linksForm.addLocation')}
      intent="add-location"
      submitLabel={t('linksForm.addLocationSubmit')}
    >
      <fieldset
        className={fields.kind.errors?.length ? 'links-kind form-field--invalid' : 'links-kind'}
        aria-describedby={fields.kind.errors?.length ? fields.kind.errorId : undefined}
      >
        <legend>{t('linksForm.kind')}</legend>
        {getCollectionProps(fields.kind, {
          type: 'radio',
          options: [...LOCATION_KINDS],
          ariaAttributes: false,
        }).map(({ key, ...props }) => (
          <label key={key ?? props.value} className="links-kind__option">
            <input {...props} /> {kindLabel[props.value as keyof typeof kindLabel]}
          </label>
        ))}
        <FieldErrors id={fields.kind.errorId} errors={fields.kind.errors} />
      </fieldset>
      <SelectField
        field={fields.place}
        label={t('linksForm.place')}
        hint={t('linksForm.placeHint')}
        prompt={t('form.choosePrompt')}
        options={choices.places.map((p) => ({
          value: p.slug,
          label: (
            <>
              {names.place(p.nameEn, p.nameZh)}
              {p.provinceCode && provinceNames.has(p.provinceCode)
                ? ` (${provinceNames.get(p.provinceCode)})`
                : ''}
              {linkedPlaces.has(p.slug) ? ` — ${t('linksForm.linked')}` : ''}
            </>
          ),
        }))}
        onChange={() => chooseKind('place')}
      />
      <div className="place-picker-frame">
        {Picker ? (
          <Picker
            label={t('linksForm.mapLabel')}
            places={mapped}
            linkedProvinceCodes={linkedProvinces}
            selected={typeof fields.place.value === 'string' ? fields.place.value : null}
            onSelect={pickPlace}
          />
        ) : null}
      </div>
      <p className="form-field__hint">{t('linksForm.mapLegend')}</p>
      <SelectField
        field={fields.province}
        label={t('linksForm.province')}
        prompt={t('form.choosePrompt')}
        options={choices.provinces.map((p) => ({ value: p.code, label: names.province(p) }))}
        onChange={() => chooseKind('province')}
      />
      <SelectField
        field={fields.country}
        label={t('linksForm.country')}
        prompt={t('form.choosePrompt')}
        options={choices.countries.map((code) => ({ value: code, label: names.country(code) }))}
        onChange={() => chooseKind('country')}
      />
    </EntryForm>
  );
}
